<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text of a source: corrections applied, the editors' notes shown, note markers
     linked to their notes. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">
  <xsl:import href="common/views.xsl"/>

  <xsl:template match="/">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="tei" select="TEI"/>
      <xsl:with-param name="view" select="'reading.html'"/>
      <xsl:with-param name="body">
        <article class="ed-text ed-reading" aria-label="Reading text">
          <xsl:apply-templates select="TEI/text" mode="reading">
            <xsl:with-param name="view" select="'reading.html'" tunnel="yes"/>
            <xsl:with-param name="cite-prefix" select="ed:cite-prefix(TEI, 'reading.html')" tunnel="yes"/>
          </xsl:apply-templates>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
