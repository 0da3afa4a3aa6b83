<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text of a source: corrections applied, the editors' notes shown, note markers
     linked to their notes. With $records-href, also the source's search records, cut from the
     page as it is made (the search index is written from them: no page is parsed again). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">
  <xsl:import href="common/views.xsl"/>

  <!-- Where to write the search records of the page (an absolute file URI), '' for nowhere:
       a JSON array of [block id, its text, [the register ids of its persons]], one per block
       that holds no other block (publish/search.py's leaf_blocks and block_record, which read
       them; BLOCKS there is $ed:record-blocks here). -->
  <xsl:param name="records-href" as="xs:string" select="''"/>
  <xsl:variable name="ed:record-blocks" as="xs:string+"
      select="('p', 'head', 'item', 'note', 'cit', 'quote', 'sp', 'speaker', 'bibl', 'l', 'ab')"/>

  <xsl:template match="/">
    <xsl:variable name="article" as="element()">
      <article class="ed-text ed-reading" aria-label="Reading text">
        <xsl:apply-templates select="TEI/text" mode="reading">
          <xsl:with-param name="view" select="'reading.html'" tunnel="yes"/>
          <xsl:with-param name="cite-prefix" select="ed:cite-prefix(TEI, 'reading.html')" tunnel="yes"/>
        </xsl:apply-templates>
      </article>
    </xsl:variable>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="tei" select="TEI"/>
      <xsl:with-param name="view" select="'reading.html'"/>
      <xsl:with-param name="body" select="$article"/>
    </xsl:call-template>
    <xsl:if test="$records-href != ''">
      <xsl:result-document href="{$records-href}" method="json" encoding="UTF-8">
        <xsl:sequence select="array { ed:records($article) }"/>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!-- The search records of a reading page's article: its leaf blocks with some text. -->
  <xsl:function name="ed:records" as="array(*)*">
    <xsl:param name="article" as="element()"/>
    <xsl:for-each select="$article//*[@id][@data-tei = $ed:record-blocks]
        [not(.//*[@id][@data-tei = $ed:record-blocks])]">
      <xsl:variable name="text" as="xs:string">
        <xsl:value-of><xsl:apply-templates select="node()" mode="ed:record-text"/></xsl:value-of>
      </xsl:variable>
      <!-- Python's str.split(): XML's white space, Unicode's separators and NEL -->
      <xsl:variable name="squeezed" select="normalize-space(replace($text, '[\s\p{Z}&#x85;]+', ' '))"/>
      <xsl:if test="$squeezed != ''">
        <xsl:sequence select="[string(@id), $squeezed,
            array { distinct-values(.//@data-ref ! (if (starts-with(., 'per:')) then substring(., 5) else string(.))) }]"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- A record's text: the block's, without the edition's apparatus (citation marks, printed
       forms beside corrections, links to parallel passages). -->
  <xsl:mode name="ed:record-text" on-no-match="text-only-copy"/>
  <xsl:template match="*[tokenize(@class) = ('ed-cite', 'ed-was', 'ed-corresp')]" mode="ed:record-text"/>
</xsl:stylesheet>
