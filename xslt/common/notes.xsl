<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI notes and pointers: note markers as printed, the source's notes (end notes and inline
     interventions, each with its hand), and the editors' notes (reading text only). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:key name="ed:noterefs" match="ref[@type = 'noteref'][@target]" use="normalize-space(@target)"/>

  <!-- A note marker links to its note (which links back); its text is the source's "[4]". -->
  <xsl:template match="ref[@type = 'noteref'][not(@subtype = 'unmatched')][ed:pointer-href(@target) != '']" mode="reading diplomatic" priority="2">
    <a class="ed-noteref" role="doc-noteref" href="{ed:pointer-href(@target)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- A marker whose note the source does not have (it points at the editors' placeholder, which
       the diplomatic text leaves out): it leads to the apparatus, which says so. -->
  <xsl:template match="ref[@type = 'noteref']" mode="reading diplomatic" priority="1">
    <a class="ed-noteref ed-unmatched" href="apparatus.html#app-{ed:anchor(.)}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="title" select="'Note ' || (@n, normalize-space())[1] || ' is not present in the source'"/>
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <!-- Any other pointer: a link only when its target is safe. -->
  <xsl:template match="ref | ptr" mode="reading diplomatic">
    <xsl:variable name="href" select="ed:pointer-href(@target)"/>
    <xsl:element name="{if ($href != '') then 'a' else 'span'}">
      <xsl:attribute name="class" select="'ed-ref'"/>
      <xsl:call-template name="ed:prov"/>
      <xsl:if test="$href != ''"><xsl:attribute name="href" select="$href"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- The source's notes section: each note with its hand and links back to its markers. -->
  <xsl:template match="note[@place = 'end']" mode="reading diplomatic" priority="2">
    <aside class="ed-endnote ed-hand-{substring-after(ed:hand(.), 'ed:')}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="#current"/>
      <p class="ed-note-links" data-edition="note-links">
        <span class="ed-hand-label">Note of {ed:hand-label(ed:hand(.))}.</span>
        <xsl:variable name="markers" select="key('ed:noterefs', '#' || @xml:id)"/>
        <xsl:for-each select="$markers">
          <xsl:text> </xsl:text>
          <a role="doc-backlink" href="#{ed:anchor(.)}">↩ Back to the text (marker {normalize-space()} in § {ed:block-id(.)})</a>
        </xsl:for-each>
        <xsl:if test="empty($markers)"> No marker in the text points to this note.</xsl:if>
        <xsl:text> </xsl:text>
        <a href="apparatus.html#app-{ed:anchor(.)}">In the apparatus</a>
      </p>
    </aside>
  </xsl:template>

  <!-- The editors' notes are not the source's text: shown in the reading text only. -->
  <xsl:template match="note[ed:is-editorial(.)]" mode="reading" priority="3">
    <xsl:choose>
      <xsl:when test="ed:is-mixed(..)">
        <span class="ed-ednote" role="note"><xsl:call-template name="ed:prov"/>
          <xsl:attribute name="id" select="ed:anchor(.)"/>
          <a class="ed-hand-label" href="apparatus.html#app-{ed:anchor(.)}">Editors’ note:</a>
          <xsl:text> </xsl:text>
          <xsl:apply-templates mode="#current"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="ed-ednote"><xsl:call-template name="ed:prov"/>
          <xsl:attribute name="id" select="ed:anchor(.)"/>
          <p><a class="ed-hand-label" href="apparatus.html#app-{ed:anchor(.)}">Editors’ note{
              if (@type = 'attribution') then ' on the attribution' else ''}:</a>
            <xsl:text> </xsl:text>
            <xsl:if test="ed:is-mixed(.)"><xsl:apply-templates mode="#current"/></xsl:if>
          </p>
          <xsl:if test="not(ed:is-mixed(.))"><xsl:apply-templates mode="#current"/></xsl:if>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- In the diplomatic text the editors' notes are left out by core.xsl. -->

  <!-- An intervention the source printed in brackets: quiet, with its hand, in the reading text. -->
  <xsl:template match="note[@place = 'inline']" mode="reading" priority="1">
    <span class="ed-inline-note ed-hand-{substring-after(ed:hand(.), 'ed:')}"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:attribute name="title" select="'Intervention of ' || ed:hand-label(ed:hand(.))
          || (@type ! (' (' || . || ')'))"/>
      <xsl:apply-templates mode="#current"/>
      <a class="ed-hand" href="apparatus.html#app-{ed:anchor(.)}" data-edition="hand"
          aria-label="{ed:hand-short(ed:hand(.))}: intervention of {ed:hand-label(ed:hand(.))}, see the apparatus">{ed:hand-short(ed:hand(.))}</a>
    </span>
  </xsl:template>

  <!-- In the diplomatic text, the intervention as printed, linked quietly to the apparatus
       (unless it holds links of its own: links do not nest). -->
  <xsl:template match="note[@place = 'inline']" mode="diplomatic" priority="1">
    <xsl:element name="{if (.//ref | .//ptr) then 'span' else 'a'}">
      <xsl:attribute name="class" select="'ed-inline-note ed-plain'"/>
      <xsl:call-template name="ed:prov"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:if test="not(.//ref | .//ptr)"><xsl:attribute name="href" select="'apparatus.html#app-' || ed:anchor(.)"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="ed:hand-short" as="xs:string">
    <xsl:param name="hand" as="xs:string"/>
    <xsl:sequence select="map { 'ed:author': 'author', 'ed:translator': 'transl.', 'ed:mia': 'MIA',
        'ed:website': 'website', 'ed:unknown': '?', 'ed:editors': 'ed.' }($hand)"/>
  </xsl:function>

</xsl:stylesheet>
