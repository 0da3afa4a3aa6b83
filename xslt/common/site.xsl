<?xml version="1.0" encoding="UTF-8"?>
<!-- The shared module of the pages across sources (persons, chronology, search, the manual):
     the page frame and the vocabulary of page.xsl and functions.xsl, without the rules of the
     views. Each of those stylesheets reads a facts document that the build combines and writes
     its pages with xsl:result-document into the folder $out. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    exclude-result-prefixes="#all">
  <xsl:include href="functions.xsl"/>
  <xsl:include href="page.xsl"/>

  <!-- The folder (a file URI ending in '/') that the pages are written into. -->
  <xsl:param name="out" as="xs:string" select="''"/>

  <!-- Text as the build squeezes it (Python's str.split: every kind of space, runs to one). -->
  <xsl:function name="ed:squeeze" as="xs:string">
    <xsl:param name="text" as="item()?"/>
    <xsl:sequence select="normalize-space(replace(string($text), '[\s\p{Z}&#x85;]+', ' '))"/>
  </xsl:function>
</xsl:stylesheet>
