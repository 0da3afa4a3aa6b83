<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI transcription: the edition's corrections and regularizations, what the editors supplied,
     and what the source's own hands added or cut. The reading text shows corrections with a quiet mark that shows
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

  <!-- Supplied text is the editors' (left out of the diplomatic text by core.xsl). -->
  <xsl:template match="supplied" mode="reading">
    <a class="ed-supplied" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="title" select="'Supplied by ' || ed:hand-label(ed:hand(.))"/>
      <xsl:if test="ed:is-editorial(.)"><xsl:attribute name="class" select="'ed-supplied ed-by-editors'"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- A supplied of another hand than the editors' breaks the rule supplied-of-the-editors;
       the views show it as printed rather than lose it. -->
  <xsl:template match="supplied" mode="diplomatic">
    <a class="ed-plain" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- The source's own insertion into what it quotes, printed in its brackets: its text, with its hand. -->
  <!-- A link to the apparatus, unless it holds links of its own (a name, a date): links do not nest. -->
  <xsl:template match="add" mode="reading">
    <xsl:call-template name="ed:add"><xsl:with-param name="class" select="'ed-add'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="add" mode="diplomatic">
    <xsl:call-template name="ed:add"><xsl:with-param name="class" select="'ed-plain'"/></xsl:call-template>
  </xsl:template>
  <xsl:template name="ed:add">
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:variable name="linked" as="xs:boolean" select="exists(.//(persName | date | ref | ptr | note))"/>
    <xsl:element name="{if ($linked) then 'span' else 'a'}">
      <xsl:attribute name="class" select="$class"/>
      <xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:if test="not($linked)"><xsl:attribute name="href" select="'apparatus.html#app-' || ed:anchor(.)"/></xsl:if>
      <xsl:attribute name="title" select="'Added by ' || ed:hand-label(ed:hand(.))"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- A cut the source marked (choice of the printed mark and its gap): the reading text shows
       the mark as printed, titled with the hand that cut; the diplomatic text shows the mark
       (the rule for choice). -->
  <xsl:template match="choice[reg/gap]" mode="reading" priority="1">
    <a class="ed-omission" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="data-type" select="'omission'"/>
      <xsl:attribute name="data-resp" select="reg/gap/@resp"/>
      <xsl:attribute name="title" select="(if (reg/gap/@reason = 'illegible') then 'Illegible, says '
          else if (reg/gap/@reason = 'missing') then 'Missing, says ' else 'Omission marked by ')
          || ed:hand-label(ed:hand(reg/gap))"/>
      <xsl:apply-templates select="orig/node()" mode="#current"/>
    </a>
  </xsl:template>

  <!-- Something the text calls for and the received text does not hold: said in words, in the
       reading text only (in an editors' placeholder note or a lost figure). -->
  <xsl:template match="gap" mode="reading">
    <span class="ed-gap"><xsl:call-template name="ed:prov"/>[{(normalize-space(desc)[. != ''], 'not in the received text')[1]}]</span>
  </xsl:template>
  <xsl:template match="gap" mode="diplomatic"/>

  <!-- How sure the editors are of an attribution: said by the turn's heading (drama.xsl). -->
  <xsl:template match="certainty" mode="reading diplomatic"/>

  <!-- A figure the received text lost, recorded by the editors where it stood (reading text only). -->
  <xsl:template match="figure" mode="reading">
    <figure class="ed-figure ed-by-editors"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <figcaption><a class="ed-hand-label" href="apparatus.html#app-{ed:anchor(.)}">Editors’ note:</a><xsl:text> </xsl:text>{normalize-space(figDesc)}</figcaption>
    </figure>
  </xsl:template>

</xsl:stylesheet>
