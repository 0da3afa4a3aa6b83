<?xml version="1.0" encoding="UTF-8"?>
<!-- The chronology: chronology.html, every dated statement of the sources in time order, the
     statements of one event (the edition's event rules) side by side with the verdict whether
     the sources agree; past @one-page statements, a page per year (chronology/<year>.html).
     Its input is the facts document that the build combines (publish/chronology.py): the
     sources, then a TEI listEvent of the entries in time order (an event with its statements,
     or a statement of no event). Every page is written by xsl:result-document into $out. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xmlns:f="urn:bukharin-edition:facts"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:include href="common/site.xsl"/>

  <xsl:key name="source" match="f:source" use="@id"/>

  <xsl:template match="/f:chronology">
    <xsl:variable name="split" select="xs:integer(@statements) gt xs:integer(@one-page)"/>
    <xsl:variable name="root" select="if ($split) then '../' else ''"/>
    <xsl:variable name="entries" select="listEvent/(event | f:statement)"/>
    <xsl:variable name="years" select="distinct-values($entries ! ed:year(@key))"/>
    <!-- A statement's own year may have no section (an event goes under its first year): the
         first statement of such a year carries the year's anchor, so that every date a reading
         page links (../chronology.html#y<year>, names.xsl's ed:year-href) finds its year. -->
    <xsl:variable name="anchored" as="map(xs:string, xs:string)">
      <xsl:map>
        <xsl:for-each-group select="listEvent//f:statement[not(ed:own-year(.) = $years)][ed:own-year(.) != '']"
            group-by="ed:own-year(.)">
          <xsl:map-entry key="generate-id(current-group()[1])" select="current-grouping-key()"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <!-- year → the year whose section holds it -->
    <xsl:variable name="held-by" as="map(xs:string, xs:string)">
      <xsl:map>
        <xsl:for-each select="$years"><xsl:map-entry key="." select="."/></xsl:for-each>
        <xsl:for-each-group select="listEvent//f:statement[not(ed:own-year(.) = $years)][ed:own-year(.) != '']"
            group-by="ed:own-year(.)">
          <xsl:map-entry key="current-grouping-key()"
              select="ed:year(current-group()[1]/ancestor-or-self::*[parent::listEvent]/@key)"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="all-years" select="sort(map:keys($held-by), (), function($y) {(not(matches($y, '^\d')), $y)})"/>
    <xsl:variable name="jump" as="node()*">
      <xsl:for-each select="$all-years">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <a href="{ed:year-page($held-by(.), $split)}#{ed:year-anchor(.)}"><xsl:if
            test="$split"><xsl:attribute name="id" select="ed:year-anchor(.)"/></xsl:if>{.}</a>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="sections" as="map(xs:string, element())">
      <xsl:map>
        <xsl:for-each-group select="$entries" group-by="ed:year(@key)">
          <xsl:map-entry key="current-grouping-key()">
            <section aria-labelledby="{ed:year-anchor(current-grouping-key())}">
              <h2 id="{ed:year-anchor(current-grouping-key())}">{current-grouping-key()}</h2>
              <ol class="ed-chronology">
                <xsl:apply-templates select="current-group()" mode="entry">
                  <xsl:with-param name="root" select="$root" tunnel="yes"/>
                  <xsl:with-param name="anchored" select="$anchored" tunnel="yes"/>
                </xsl:apply-templates>
              </ol>
            </section>
          </xsl:map-entry>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="disagreements" select="listEvent/event[@type = 'disagree']"/>
    <xsl:result-document href="{$out}chronology.html">
      <xsl:call-template name="ed:frame">
        <xsl:with-param name="root" select="''"/>
        <xsl:with-param name="current" select="'chronology'"/>
        <xsl:with-param name="title" select="'Chronology — The Bukharin documents'"/>
        <xsl:with-param name="body-attributes" as="attribute()"><xsl:attribute name="data-view" select="'chronology'"/></xsl:with-param>
        <xsl:with-param name="trail" select="['Chronology', '']"/>
        <xsl:with-param name="body" as="element()+">
          <h1>Chronology</h1>
          <p>{@statements} dated statements of {count(f:source)} sources in time order. Statements that the edition’s event rules assign to one event are grouped; where the sources disagree their statements stand side by side. Old Style dates are placed by their Gregorian day and show their Julian form.<xsl:if
              test="$split"> The statements of each year are on a page of their own.</xsl:if></p>
          <xsl:if test="exists($disagreements)">
            <h2 id="disagreements">Where the sources disagree</h2>
            <ul>
              <xsl:for-each select="$disagreements">
                <li><a href="{ed:year-page(ed:year(@key), $split)}#event-{@n}">{label}</a>: {desc}</li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <nav class="ed-years" aria-label="Years"><xsl:sequence select="$jump"/></nav>
          <xsl:if test="not($split)">
            <xsl:sequence select="$years ! $sections(.)"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
    <xsl:if test="$split">
      <xsl:for-each select="$years">
        <xsl:result-document href="{$out}{ed:year-page(., true())}">
          <xsl:call-template name="ed:frame">
            <xsl:with-param name="root" select="'../'"/>
            <xsl:with-param name="current" select="'chronology'"/>
            <xsl:with-param name="title" select="'Chronology: ' || . || ' — The Bukharin documents'"/>
            <xsl:with-param name="body-attributes" as="attribute()"><xsl:attribute name="data-view" select="'chronology'"/></xsl:with-param>
            <xsl:with-param name="trail" select="(['Chronology', '../chronology.html'], [., ''])"/>
            <xsl:with-param name="body" as="element()+">
              <nav class="ed-years" aria-label="Years">
                <xsl:for-each select="$all-years">
                  <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
                  <a href="{substring-after(ed:year-page($held-by(.), true()), 'chronology/')}#{ed:year-anchor(.)}">{.}</a>
                </xsl:for-each>
              </nav>
              <xsl:sequence select="$sections(.)"/>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:result-document>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template match="event" mode="entry">
    <li class="ed-event {if (@type = 'disagree') then 'ed-disagree' else 'ed-agree'}" id="event-{@n}" data-event="{@n}">
      <h3>{label}</h3>
      <p class="ed-verdict"><strong>{if (@type = 'disagree') then 'The sources disagree' else 'The sources agree'}</strong>: {desc}</p>
      <div class="ed-side-by-side">
        <xsl:apply-templates select="f:statement" mode="statement"/>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="f:statement" mode="entry">
    <li class="ed-dated"><xsl:apply-templates select="." mode="statement"/></li>
  </xsl:template>

  <!-- One dated statement: the date normalized (and its Julian form), the sentence, the source. -->
  <xsl:template match="f:statement" mode="statement">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="anchored" as="map(xs:string, xs:string)" tunnel="yes" select="map{}"/>
    <xsl:variable name="date" select="date"/>
    <xsl:variable name="norm" select="($date/@when[. != ''], string-join(((($date/@from, $date/@notBefore)[. != ''])[1], (($date/@to, $date/@notAfter)[. != ''])[1]), '/'))[1]"/>
    <div class="ed-statement" data-source="{@source}" data-block="{@block}" data-when="{$norm}">
      <xsl:if test="map:contains($anchored, generate-id())">
        <xsl:attribute name="id" select="ed:year-anchor($anchored(generate-id()))"/>
      </xsl:if>
      <p class="ed-statement-date"><span class="ed-iso">{($norm[. != ''], '?')[1]}</span> “{$date}”<xsl:if
          test="$date/@when-custom[. != '']"><xsl:text> </xsl:text><span class="ed-calendar">Old Style (Julian) {$date/@when-custom} = New Style (Gregorian) {$norm}</span></xsl:if></p>
      <blockquote><p>{@sentence}</p></blockquote>
      <p class="ed-statement-source"><a href="{$root}{@source}/reading.html#{@block}">{key('source', @source)/@title}, § {@block}</a></p>
    </div>
  </xsl:template>

  <!-- A statement's own year, as a reading page's link to it reads it (names.xsl's ed:year-href). -->
  <xsl:function name="ed:own-year" as="xs:string">
    <xsl:param name="statement" as="element(f:statement)"/>
    <xsl:variable name="year" select="substring(($statement/date/@when, $statement/date/@from, $statement/date/@notBefore)[1], 1, 4)"/>
    <xsl:sequence select="if (matches($year, '^\d{4}$')) then $year else ''"/>
  </xsl:function>

  <!-- The year of an entry's sort key: its first four characters, if it has a year. -->
  <xsl:function name="ed:year" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="if (matches($key, '^\d')) then substring($key, 1, 4) else 'without a year'"/>
  </xsl:function>

  <xsl:function name="ed:year-anchor" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="'y' || replace($year, ' ', '-')"/>
  </xsl:function>

  <!-- The page of a year (relative to the edition's root), '' when the chronology is one page. -->
  <xsl:function name="ed:year-page" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:param name="split" as="xs:boolean"/>
    <xsl:sequence select="if ($split) then 'chronology/' || substring(ed:year-anchor($year), 2) || '.html' else ''"/>
  </xsl:function>
</xsl:stylesheet>
