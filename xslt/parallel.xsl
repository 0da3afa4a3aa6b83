<?xml version="1.0" encoding="UTF-8"?>
<!-- The parallel view of a source: each block of its text twice, the reading text beside the
     diplomatic text, one row per block (the blocks that hold no other block with an id), so
     paragraph stands against paragraph. The interventions are marked in both columns (CSS). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:import href="common/views.xsl"/>

  <!-- The blocks that are rows: citable, holding no other citable block. -->
  <xsl:variable name="ed:row-names" as="xs:string+"
      select="('p', 'head', 'item', 'note', 'cit', 'quote', 'sp', 'speaker', 'bibl', 'l', 'ab')"/>

  <xsl:template match="/">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="tei" select="TEI"/>
      <xsl:with-param name="view" select="'parallel.html'"/>
      <xsl:with-param name="body">
        <article class="ed-parallel" aria-label="Reading and diplomatic text side by side">
          <p class="ed-parallel-key">Each row is one block: the reading text on the left (above on a
            narrow screen), the diplomatic text on the right. <mark class="ed-key">Marked</mark> are
            the interventions: the edition’s corrections and regularizations and what the source
            printed in their place, supplied words, cuts and the editors’ notes.</p>
          <div class="ed-parallel-head" aria-hidden="true"><span>Reading text</span><span>Diplomatic text</span></div>
          <xsl:for-each select="TEI/text//*[@xml:id][local-name() = $ed:row-names]
              [not(.//*[@xml:id][local-name() = $ed:row-names])]">
            <section class="ed-row" data-block="{@xml:id}" aria-label="Block {@xml:id}">
              <div class="ed-col ed-col-reading" data-side="reading" data-block="{@xml:id}" id="{@xml:id}">
                <xsl:apply-templates select="." mode="ed:row">
                  <xsl:with-param name="mode-name" select="'reading'"/>
                </xsl:apply-templates>
              </div>
              <div class="ed-col ed-col-diplomatic" data-side="diplomatic" data-block="{@xml:id}">
                <xsl:apply-templates select="." mode="ed:row">
                  <xsl:with-param name="mode-name" select="'diplomatic'"/>
                </xsl:apply-templates>
              </div>
            </section>
          </xsl:for-each>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One block in one view, its ids removed (the row carries the block's id once), links
       pointing at the full views; an item keeps a list around it. -->
  <xsl:template match="*" mode="ed:row">
    <xsl:param name="mode-name" as="xs:string" required="yes"/>
    <xsl:variable name="html" as="node()*">
      <xsl:choose>
        <xsl:when test="$mode-name = 'reading'">
          <!-- The speaker of a turn has no id of its own: it heads its first paragraph's row, as
               the diplomatic text runs it into that paragraph. -->
          <xsl:apply-templates select="preceding-sibling::*[not(ed:is-editorial(.))][1][self::speaker]" mode="reading"/>
          <xsl:apply-templates select="." mode="reading"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="diplomatic"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="target" select="$mode-name || '.html'"/>
    <xsl:choose>
      <xsl:when test="self::item">
        <ul class="ed-list"><xsl:apply-templates select="$html" mode="ed:unid"><xsl:with-param name="target" select="$target" tunnel="yes"/></xsl:apply-templates></ul>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$html" mode="ed:unid"><xsl:with-param name="target" select="$target" tunnel="yes"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:mode name="ed:unid" on-no-match="shallow-copy"/>
  <xsl:template match="@id" mode="ed:unid"/>
  <xsl:template match="@aria-describedby | @aria-labelledby | @aria-controls" mode="ed:unid"/>
  <xsl:template match="@href[starts-with(., '#')]" mode="ed:unid">
    <xsl:param name="target" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="href" select="$target || ."/>
  </xsl:template>
</xsl:stylesheet>
