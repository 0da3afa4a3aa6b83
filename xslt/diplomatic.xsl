<?xml version="1.0" encoding="UTF-8"?>
<!-- The diplomatic text of a source: its characters only, in its order, with its brackets and
     markers as printed; none of the editors' additions (fidelity.diplomatic_lines). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">
  <xsl:import href="common/views.xsl"/>

  <xsl:template match="/">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="tei" select="TEI"/>
      <xsl:with-param name="view" select="'diplomatic.html'"/>
      <xsl:with-param name="body">
        <article class="ed-text ed-diplomatic" aria-label="Diplomatic text">
          <xsl:apply-templates select="TEI/text" mode="diplomatic">
            <xsl:with-param name="view" select="'diplomatic.html'" tunnel="yes"/>
            <xsl:with-param name="cite-prefix" select="ed:cite-prefix(TEI, 'diplomatic.html')" tunnel="yes"/>
          </xsl:apply-templates>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
