<?xml version="1.0" encoding="UTF-8"?>
<!-- The shared module: every TEI-to-HTML rule, by TEI module. Included, not imported, so that
     all rules have one import precedence: a rule cannot silently shadow another, and
     on-multiple-match="fail" catches any overlap. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="functions.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="transcription.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="notes.xsl"/>
</xsl:stylesheet>
