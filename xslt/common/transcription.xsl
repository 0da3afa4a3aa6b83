<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI transcription: the edition's corrections and regularizations, and what the source's
     own editors supplied or cut. The reading text shows corrections with a quiet mark that shows
     what was printed on hover or focus; the diplomatic text shows only what was printed. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="choice" mode="reading">
    <a class="ed-choice" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates select="corr | reg" mode="#current"/>
      <span class="ed-was"> (printed: <xsl:apply-templates select="sic | orig" mode="#current"/>)</span>
    </a>
  </xsl:template>

  <xsl:template match="choice" mode="diplomatic">
    <a class="ed-plain" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates select="sic | orig" mode="#current"/>
    </a>
  </xsl:template>

  <xsl:template match="sic | orig" mode="reading diplomatic">
    <span class="ed-{local-name()}"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="corr | reg" mode="reading">
    <span class="ed-{local-name()}"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <!-- corr and reg in the diplomatic text: left out by the rule for the editors' additions (core.xsl). -->

  <!-- Supplied text: the editors' (shown in angle brackets, left out of the diplomatic text),
       or an interpolation the source printed with its own brackets. -->
  <xsl:template match="supplied" mode="reading">
    <a class="ed-supplied" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="title" select="'Supplied by ' || ed:hand-label(ed:hand(.))"/>
      <xsl:if test="ed:is-editorial(.)"><xsl:attribute name="class" select="'ed-supplied ed-by-editors'"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- The source's own supplied text (the editors' is left out by core.xsl). -->
  <xsl:template match="supplied" mode="diplomatic">
    <a class="ed-plain" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- A cut the source's editor marked: the ellipsis is the source's. -->
  <xsl:template match="seg[@type = 'omission']" mode="reading">
    <a class="ed-omission" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="title" select="'Omission marked by ' || ed:hand-label(ed:hand(.))"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <xsl:template match="seg[@type = 'omission']" mode="diplomatic">
    <a class="ed-plain" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

</xsl:stylesheet>
