<?xml version="1.0" encoding="UTF-8"?>
<!-- The apparatus of a source: every note, grouped by the hand responsible for it; every
     intervention (sic/corr, orig/reg, supplied, omission); the note markers whose note the
     source does not have. Each entry links to its place in both views, which link back. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:import href="common/views.xsl"/>

  <xsl:mode name="apparatus" on-no-match="fail" on-multiple-match="fail"/>
  <!-- The text of a note in the apparatus: paragraphs and line breaks kept, no anchors
       (each anchor belongs to the views), markup otherwise reduced to its text. -->
  <xsl:mode name="ed:plain" on-no-match="text-only-copy"/>

  <xsl:template match="/">
    <xsl:variable name="text" select="TEI/text"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="tei" select="TEI"/>
      <xsl:with-param name="view" select="'apparatus.html'"/>
      <xsl:with-param name="body">
        <article class="ed-apparatus" aria-label="Notes and apparatus">
          <section aria-labelledby="app-notes">
            <h2 id="app-notes">Notes</h2>
            <xsl:variable name="notes" select="$text//note"/>
            <xsl:if test="empty($notes)"><p>The source has no notes and the editors added none.</p></xsl:if>
            <xsl:for-each select="$ed:hand-order[. = $notes/ed:hand(.)]">
              <xsl:variable name="hand" select="."/>
              <xsl:variable name="group" select="$notes[ed:hand(.) = $hand]"/>
              <section class="ed-app-group ed-hand-{substring-after($hand, 'ed:')}" aria-labelledby="app-hand-{substring-after($hand, 'ed:')}">
                <h3 id="app-hand-{substring-after($hand, 'ed:')}">Notes of {ed:hand-label($hand)} ({count($group)})</h3>
                <ol class="ed-app-list">
                  <xsl:apply-templates select="$group" mode="apparatus"/>
                </ol>
              </section>
            </xsl:for-each>
          </section>
          <section aria-labelledby="app-interventions">
            <h2 id="app-interventions">Interventions</h2>
            <xsl:variable name="interventions" select="$text//(choice | supplied | add | figure)"/>
            <xsl:choose>
              <xsl:when test="empty($interventions)"><p>None: the text has no corrections, regularizations, supplied or added text, marked omissions or lost figures.</p></xsl:when>
              <xsl:otherwise>
                <table class="ed-app-table">
                  <thead><tr><th scope="col">Kind</th><th scope="col">Where</th><th scope="col">As printed</th><th scope="col">Reading text</th><th scope="col">Hand</th></tr></thead>
                  <tbody><xsl:apply-templates select="$interventions" mode="apparatus"/></tbody>
                </table>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          <section aria-labelledby="app-unmatched">
            <h2 id="app-unmatched">Note markers without a note</h2>
            <xsl:variable name="unmatched" select="$text//ref[@type = 'noteref'][not(ed:target-note(.))]"/>
            <xsl:choose>
              <xsl:when test="empty($unmatched)"><p>None: every note marker has its note in the source.</p></xsl:when>
              <xsl:otherwise>
                <ul class="ed-app-list"><xsl:apply-templates select="$unmatched" mode="apparatus"/></ul>
              </xsl:otherwise>
            </xsl:choose>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The note a marker points to, if the document has it. -->
  <xsl:function name="ed:target-note" as="element(note)?">
    <xsl:param name="ref" as="element(ref)"/>
    <xsl:variable name="target" select="normalize-space($ref/@target)"/>
    <!-- the editors' placeholder of a missing note is not the note -->
    <xsl:sequence select="if (starts-with($target, '#')) then id(substring($target, 2), root($ref))[self::note][not(@type = 'missing')] else ()"/>
  </xsl:function>

  <!-- Is the element in the diplomatic text (not the editors' and not inside theirs)? -->
  <xsl:function name="ed:in-diplomatic" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not($e/ancestor-or-self::*[ed:is-editorial(.)])"/>
  </xsl:function>

  <!-- Links to an element's place in both views. -->
  <xsl:template name="ed:places">
    <xsl:param name="e" as="element()" select="."/>
    <span class="ed-places">§ {ed:block-id($e)}: <a href="reading.html#{ed:anchor($e)}">reading text</a>
      <xsl:choose>
        <xsl:when test="ed:in-diplomatic($e)">, <a href="diplomatic.html#{ed:anchor($e)}">diplomatic text</a></xsl:when>
        <xsl:otherwise> (not in the diplomatic text: the editors’ addition)</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="note" mode="apparatus">
    <li id="app-{ed:anchor(.)}" data-tei="note" data-resp="{@resp}">
      <p class="ed-app-head">
        <strong>{if (@n) then 'Note ' || @n else if (@place = 'inline') then 'Inline intervention' else 'Note'}</strong>
        <xsl:if test="@type"> ({@type})</xsl:if>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="ed:places"/>
        <xsl:for-each select="key('ed:noterefs', '#' || @xml:id)">
          <xsl:text>; marker </xsl:text>
          <a href="reading.html#{ed:anchor(.)}">{normalize-space()} in § {ed:block-id(.)}</a>
          <xsl:if test="ed:in-diplomatic(.)"> (<a href="diplomatic.html#{ed:anchor(.)}">diplomatic</a>)</xsl:if>
        </xsl:for-each>
      </p>
      <div class="ed-app-body">
        <xsl:choose>
          <xsl:when test="ed:is-mixed(.)"><p><xsl:apply-templates mode="ed:plain"/></p></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="*" mode="ed:plain"/></xsl:otherwise>
        </xsl:choose>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="choice | supplied | add | figure" mode="apparatus">
    <tr id="app-{ed:anchor(.)}" data-tei="{local-name()}">
      <td>{ed:kind(.)}</td>
      <td><xsl:call-template name="ed:places"/></td>
      <td>{if (self::choice) then string-join((sic | orig) ! string(), ' ')
           else if (ed:is-editorial(.)) then '(nothing)' else string(.)}</td>
      <td>{if (self::choice[reg/gap]) then string(orig) || ' (a cut)'
           else if (self::choice) then string-join((corr | reg) ! string(), ' ')
           else if (self::figure) then normalize-space(figDesc) else string(.)}</td>
      <td>{ed:hand-label(if (self::choice[reg/gap]) then ed:hand(reg/gap) else if (self::choice) then ed:hand((corr | reg)[1]) else ed:hand(.))}</td>
    </tr>
  </xsl:template>

  <xsl:function name="ed:kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::choice[reg/gap]) then (if ($e/reg/gap/@reason = 'omitted') then 'omission' else $e/reg/gap/@reason) || ' (orig → gap)'
        else if ($e/self::choice[sic]) then 'correction (sic → corr)'
        else if ($e/self::choice[orig]) then 'regularization (orig → reg)'
        else if ($e/self::choice) then 'choice'
        else if ($e/self::supplied) then 'supplied' || ($e/@reason ! (' (' || . || ')'))
        else if ($e/self::add) then 'added by the source' || ($e/@type ! (' (' || . || ')'))
        else 'lost figure'"/>
  </xsl:function>

  <xsl:template match="ref" mode="apparatus">
    <li id="app-{ed:anchor(.)}" data-tei="ref">Marker <strong>{normalize-space()}</strong>: not present in the source<xsl:if test="@target and not(@subtype = 'unmatched')"> (it points to {@target}, which the file does not have)</xsl:if>. <xsl:call-template name="ed:places"/></li>
  </xsl:template>

  <xsl:template match="p" mode="ed:plain"><p><xsl:apply-templates mode="#current"/></p></xsl:template>
  <xsl:template match="quote[not(ed:is-mixed(..))]" mode="ed:plain"><blockquote><xsl:apply-templates select="*" mode="#current"/></blockquote></xsl:template>
  <xsl:template match="list" mode="ed:plain"><ul class="ed-list"><xsl:apply-templates select="*" mode="#current"/></ul></xsl:template>
  <xsl:template match="item" mode="ed:plain"><li><xsl:apply-templates mode="#current"/></li></xsl:template>
  <xsl:template match="lb" mode="ed:plain"><br/></xsl:template>
  <xsl:template match="corr | reg" mode="ed:plain"/>
</xsl:stylesheet>
