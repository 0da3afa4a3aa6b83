<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's index page: the sources with their bibliographic facts. Its input is a
     teiCorpus that the build gathers: the header of edition.xml and the header of every source,
     in the order of the received file. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:import href="common/views.xsl"/>

  <xsl:template match="/">
    <xsl:variable name="edition" select="teiCorpus/teiHeader/fileDesc/titleStmt"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="title" select="normalize-space($edition/title[@type = 'main'])"/>
      <xsl:with-param name="body-attributes" as="attribute()">
        <xsl:attribute name="data-view" select="'index'"/>
      </xsl:with-param>
      <xsl:with-param name="skip" select="'Skip to the list of sources'"/>
      <xsl:with-param name="body" as="node()*">
        <h1>{normalize-space($edition/title[@type = 'main'])}</h1>
        <p class="ed-subtitle">{normalize-space($edition/title[@type = 'sub'])}</p>
        <xsl:for-each select="teiCorpus/teiHeader/encodingDesc/projectDesc/p">
          <p>{normalize-space()}</p>
        </xsl:for-each>
        <p>Each source has a <em>reading text</em> (the edition's corrections applied, its notes shown),
            a <em>diplomatic text</em> (the source's characters only, as received) and
            <em>notes and apparatus</em>; its TEI file can be downloaded.</p>
        <p>Across the sources: the <a href="persons/index.html">persons</a> with every mention,
            the <a href="chronology.html">chronology</a> of every dated statement, and
            <a href="search.html">full-text search</a>.</p>
        <h2 id="sources">The sources ({count(teiCorpus/TEI)})</h2>
        <ol class="ed-sources">
          <xsl:apply-templates select="teiCorpus/TEI" mode="index"/>
        </ol>
      </xsl:with-param>
      <xsl:with-param name="footer" as="element()">
        <p>{normalize-space(teiCorpus/teiHeader/fileDesc/publicationStmt/availability)}
            <a href="tei/edition.xml" download="edition.xml" type="application/tei+xml">Download the shared declarations (edition.xml)</a>.</p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="TEI" mode="index">
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="bibl" select="teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <li id="{$id}" data-tei="TEI">
      <h3><a href="{$id}/reading.html">{ed:title(.)}</a></h3>
      <p class="ed-source-facts">
        <xsl:value-of select="string-join((
            ($bibl/author[ed:known(.)] ! normalize-space(), 'author not known')[1],
            $bibl/editor[@role = 'translator'] ! ('translated by ' || normalize-space()),
            $bibl/title[@level = 'j'] ! normalize-space(),
            ($bibl/publisher[ed:known(.)] ! normalize-space(), 'publisher not known')[1],
            ($bibl/date[ed:known(.)] ! normalize-space(), 'date not known')[1],
            teiHeader/profileDesc/textClass/catRef[@scheme = 'ed:genre'] ! replace(substring-after(@target, 'ed:genre-'), '-', ' '),
            $bibl//citedRange[@unit = 'line'] ! ('lines ' || normalize-space() || ' of the received file')), '; ')"/>
      </p>
      <p class="ed-source-views">
        <a href="{$id}/reading.html">Reading text</a> ·
        <a href="{$id}/diplomatic.html">Diplomatic text</a> ·
        <a href="{$id}/apparatus.html">Notes and apparatus</a> ·
        <a href="{$id}/parallel.html">Parallel view</a> ·
        <a href="text/{$id}.txt" download="{$id}.txt" type="text/plain">Plain text</a> ·
        <a href="tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml">TEI file</a>
      </p>
    </li>
  </xsl:template>
</xsl:stylesheet>
