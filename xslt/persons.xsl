<?xml version="1.0" encoding="UTF-8"?>
<!-- The persons: persons/index.html (the register, by surname) and a page per person of the
     register with every mention in context, grouped by source ($per-page a page: the others go
     to persons/more/<id>-<n>.html, linked by a pager). Its input is the facts document that the
     build combines (publish/persons.py): the register as a TEI listPerson, then a <source> per
     source with its title and its mentions, in the sources' order. Every page is written by
     xsl:result-document into the folder $out. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xmlns:f="urn:bukharin-edition:facts"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:include href="common/site.xsl"/>

  <xsl:key name="mentions" match="f:mention" use="@ref"/>
  <xsl:variable name="per-page" as="xs:integer" select="xs:integer(/f:persons/@per-page)"/>

  <xsl:template match="/f:persons">
    <xsl:variable name="persons" select="listPerson/person"/>
    <xsl:for-each select="$persons">
      <xsl:apply-templates select="." mode="pages"/>
    </xsl:for-each>
    <xsl:result-document href="{$out}persons/index.html">
      <xsl:call-template name="ed:frame">
        <xsl:with-param name="root" select="'../'"/>
        <xsl:with-param name="current" select="'persons'"/>
        <xsl:with-param name="title" select="'Persons — The Bukharin documents'"/>
        <xsl:with-param name="body-attributes" as="attribute()"><xsl:attribute name="data-view" select="'persons'"/></xsl:with-param>
        <xsl:with-param name="trail" select="['Persons', '']"/>
        <xsl:with-param name="body" as="element()+">
          <h1>Persons</h1>
          <p>The {count($persons)} persons of the register, by surname. Each page lists every mention in the sources, in context, linked to its paragraph.</p>
          <div class="ed-table-wrap">
            <table class="ed-persons">
              <caption>The person register</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Mentions</th><th scope="col">Life</th><th scope="col" class="ed-role">Role</th></tr></thead>
              <tbody>
                <xsl:for-each select="$persons">
                  <xsl:sort select="tokenize(ed:standard(.))[last()]" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
                  <xsl:sort select="ed:standard(.)" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
                  <xsl:variable name="count" select="count(key('mentions', @xml:id))"/>
                  <tr>
                    <td><a href="{@xml:id}.html">{ed:standard(.)}</a></td>
                    <td class="ed-num" data-mentions="{$count}">{$count}</td>
                    <td>{ed:life(.)}</td>
                    <td class="ed-role">{ed:squeeze(occupation[1])}</td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- The pages of one person: the register's facts and the names as printed, then the
       mentions by source, $per-page a page. -->
  <xsl:template match="person" mode="pages">
    <xsl:variable name="person" select="."/>
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="standard" select="ed:standard(.)"/>
    <xsl:variable name="mentions" select="key('mentions', $id)"/>
    <xsl:variable name="total" select="count($mentions)"/>
    <xsl:variable name="pages" select="max((1, (($total + $per-page - 1) idiv $per-page)))"/>
    <xsl:for-each select="1 to $pages">
      <xsl:variable name="number" select="."/>
      <xsl:variable name="first" select="($number - 1) * $per-page"/>
      <xsl:variable name="shown" select="subsequence($mentions, $first + 1, $per-page)"/>
      <xsl:variable name="root" select="if ($number = 1) then '../' else '../../'"/>
      <xsl:variable name="pager" as="element()?">
        <xsl:if test="$pages gt 1">
          <nav class="ed-pager" aria-label="Pages of mentions">
            <ol>
              <xsl:for-each select="1 to $pages">
                <xsl:choose>
                  <xsl:when test=". = $number"><li aria-current="page">{.}</li></xsl:when>
                  <xsl:otherwise><li><a href="{if ($number = 1) then '' else '../'}{ed:person-page($id, .)}">{.}</a></li></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </ol>
          </nav>
        </xsl:if>
      </xsl:variable>
      <xsl:result-document href="{$out}persons/{ed:person-page($id, $number)}">
        <xsl:call-template name="ed:frame">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="current" select="'persons'"/>
          <xsl:with-param name="title" select="(if ($number = 1) then $standard else $standard || ', page ' || $number) || ' — The Bukharin documents'"/>
          <xsl:with-param name="body-attributes" as="attribute()+">
            <xsl:attribute name="data-view" select="'person'"/>
            <xsl:attribute name="data-person" select="$id"/>
          </xsl:with-param>
          <xsl:with-param name="trail" select="if ($number = 1) then (['Persons', 'index.html'], [$standard, ''])
              else (['Persons', '../index.html'], [$standard, '../' || $id || '.html'], ['Page ' || $number, ''])"/>
          <xsl:with-param name="body" as="node()*">
            <h1>{$standard}</h1>
            <xsl:if test="$number = 1">
              <xsl:apply-templates select="$person" mode="facts">
                <xsl:with-param name="mentions" select="$mentions"/>
              </xsl:apply-templates>
            </xsl:if>
            <h2 id="mentions">Mentions <span class="ed-count" data-count="{$total}">({$total})</span></h2>
            <xsl:if test="$pages gt 1">
              <p class="ed-quiet">Mentions {$first + 1}–{$first + count($shown)} of {$total}.</p>
            </xsl:if>
            <xsl:sequence select="$pager"/>
            <xsl:for-each-group select="$shown" group-by="../@id">
              <xsl:variable name="source" select="current-group()[1]/.."/>
              <section>
                <h3><a href="{$root}{$source/@id}/reading.html">{$source/@title}</a><xsl:text> </xsl:text><span class="ed-quiet">({count(current-group())})</span></h3>
                <ol class="ed-kwic">
                  <xsl:for-each select="current-group()">
                    <li data-block="{@block}"><a href="{$root}{../@id}/reading.html#{@block}"><span class="ed-kwic-before">{@before}</span><mark>{@form}</mark><span class="ed-kwic-after">{@after}</span></a><xsl:text> </xsl:text><span class="ed-quiet">§ {@block}</span></li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:for-each-group>
            <xsl:if test="empty($shown)">
              <p>No source of the edition mentions this person by name.</p>
            </xsl:if>
            <xsl:sequence select="$pager"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- What the register says of a person, and the names as the sources print them (the most
       frequent first). -->
  <xsl:template match="person" mode="facts">
    <xsl:param name="mentions" as="element(f:mention)*" required="yes"/>
    <xsl:variable name="notes" select="note ! ed:squeeze(.)"/>
    <section class="ed-facts" aria-labelledby="ed-facts-title">
      <h2 id="ed-facts-title">In the register</h2>
      <dl>
        <dt>Standard name</dt><dd>{ed:standard(.)}</dd>
        <xsl:if test="ed:when(birth[1]) != ''"><dt>Born</dt><dd>{ed:when(birth[1])}</dd></xsl:if>
        <xsl:if test="ed:when(death[1]) != ''"><dt>Died</dt><dd>{ed:when(death[1])}</dd></xsl:if>
        <xsl:if test="ed:squeeze(occupation[1]) != ''"><dt>Role</dt><dd>{ed:squeeze(occupation[1])}</dd></xsl:if>
        <xsl:if test="exists($notes)"><dt>Note</dt></xsl:if>
        <xsl:for-each select="$notes"><dd>{.}</dd></xsl:for-each>
      </dl>
    </section>
    <h2>Names as they occur</h2>
    <ul class="ed-variants">
      <xsl:for-each-group select="$mentions" group-by="string(@form)">
        <xsl:sort select="count(current-group())" order="descending"/>
        <li>{current-grouping-key()} <span class="ed-quiet">({count(current-group())}×)</span></li>
      </xsl:for-each-group>
      <xsl:if test="empty($mentions)"><li>none</li></xsl:if>
    </ul>
    <xsl:variable name="forms" as="xs:string*" select="distinct-values($mentions/@form)"/>
    <xsl:variable name="unused" select="persName[@type = 'variant'] ! ed:squeeze(.)[not(. = $forms)]"/>
    <xsl:if test="exists($unused)">
      <p class="ed-quiet">Registered forms not found in the sources: {string-join($unused, ', ')}.</p>
    </xsl:if>
  </xsl:template>

  <!-- The standard name of a person of the register (its id without one). -->
  <xsl:function name="ed:standard" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="($person/persName[@type = 'standard'] ! ed:squeeze(.), string($person/@xml:id))[1]"/>
  </xsl:function>

  <!-- A birth's or death's date: @when, or the interval notBefore/notAfter. -->
  <xsl:function name="ed:when" as="xs:string">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="if (empty($el)) then '' else ($el/@when[. != ''], string-join(($el/@notBefore, $el/@notAfter)[. != ''], '/'))[1]"/>
  </xsl:function>

  <!-- The years of a life, '?' for the one not known; '' when neither is. -->
  <xsl:function name="ed:life" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:variable name="birth" select="ed:when($person/birth[1])"/>
    <xsl:variable name="death" select="ed:when($person/death[1])"/>
    <xsl:sequence select="if ($birth = '' and $death = '') then ''
        else (substring($birth, 1, 4)[. != ''], '?')[1] || '–' || (substring($death, 1, 4)[. != ''], '?')[1]"/>
  </xsl:function>

  <!-- The file of a person's page $number (from 1), relative to persons/. -->
  <xsl:function name="ed:person-page" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="if ($number = 1) then $id || '.html' else 'more/' || $id || '-' || $number || '.html'"/>
  </xsl:function>
</xsl:stylesheet>
