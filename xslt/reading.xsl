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
       a JSON object {"genres": [the source's genres, from its header's textClass], "records":
       [[block id, its text, [the register ids of its persons], [the years of its dates]], …]},
       one record per block that holds no other block; names and dates inside a title are not
       the block's (publish/search.py's leaf_blocks and block_record, which read the same from a
       page; BLOCKS there is $ed:record-blocks here). -->
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
        <xsl:sequence select="map {
            'genres': array { TEI/teiHeader/profileDesc/textClass/catRef[@scheme = 'ed:genre']
                              ! replace(substring-after(@target, 'ed:genre-'), '-', ' ') },
            'records': array { ed:records($article) } }"/>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!-- Unicode's separators (categories Zs, Zl, Zp) other than the space, and NEL: what
       Python's str.split() takes for white space beside XML's -->
  <xsl:variable name="ed:separators" as="xs:string"
      select="'&#x85;&#xA0;&#x1680;&#x2000;&#x2001;&#x2002;&#x2003;&#x2004;&#x2005;&#x2006;&#x2007;&#x2008;&#x2009;&#x200A;&#x2028;&#x2029;&#x202F;&#x205F;&#x3000;'"/>
  <xsl:variable name="ed:spaces" as="xs:string" select="string-join((1 to string-length($ed:separators)) ! ' ')"/>

  <!-- The search records of a reading page's article: its leaf blocks with some text. -->
  <xsl:function name="ed:records" as="array(*)*">
    <xsl:param name="article" as="element()"/>
    <xsl:for-each select="$article//*[@id][@data-tei = $ed:record-blocks]
        [not(.//*[@id][@data-tei = $ed:record-blocks])]">
      <xsl:variable name="text" as="xs:string">
        <xsl:value-of><xsl:apply-templates select="node()" mode="ed:record-text"/></xsl:value-of>
      </xsl:variable>
      <!-- Python's str.split(): XML's white space, Unicode's separators (\p{Z}) and NEL; by
           translate(), since a regular expression over every block was half the page's time -->
      <xsl:variable name="squeezed" select="normalize-space(translate($text, $ed:separators, $ed:spaces))"/>
      <xsl:if test="$squeezed != ''">
        <xsl:variable name="own" select=".//*[not(ancestor-or-self::*[@data-tei = 'title'])]"/>
        <xsl:sequence select="[string(@id), $squeezed,
            array { distinct-values($own/@data-ref ! (if (starts-with(., 'per:')) then substring(., 5) else string(.))) },
            array { distinct-values($own[@data-tei = 'date'] ! ed:years(.)) }]"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- The years a date of the page stands for, as strings: an exact date's (@datetime), else
       the years of the values its description names (a range of up to ten years in full, a
       longer one by its ends). -->
  <xsl:function name="ed:years" as="xs:string*">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="named" as="xs:integer*" select="if ($date/@datetime)
        then xs:integer(substring($date/@datetime, 1, 4))
        else analyze-string(string($date/@title), '(^|[^\d-])(\d{4})(\D|$)')//*:group[@nr = 2] ! xs:integer(.)"/>
    <xsl:sequence select="(if (count($named) gt 1 and max($named) - min($named) le 10)
        then min($named) to max($named) else $named) ! format-number(., '0000')"/>
  </xsl:function>

  <!-- A record's text: the block's, without the edition's apparatus (citation marks, printed
       forms beside corrections, links to parallel passages). -->
  <xsl:mode name="ed:record-text" on-no-match="text-only-copy"/>
  <xsl:template match="*[tokenize(@class) = ('ed-cite', 'ed-was', 'ed-corresp')]" mode="ed:record-text"/>
</xsl:stylesheet>
