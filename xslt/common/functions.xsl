<?xml version="1.0" encoding="UTF-8"?>
<!-- The rendering vocabulary shared by every view: what a block is, what the editors added,
     whose hand a note is, stable anchors, safe links. The Python definitions these mirror are
     tei.has_inline_layout and fidelity.is_editorial: keep the two in step. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Absolute address of the published edition's root, ending in '/', used in citations;
       empty: citations give addresses relative to the edition's root. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <!-- Elements whose content is always mixed text (tei.ALWAYS_INLINE). -->
  <xsl:variable name="ed:always-inline" as="xs:string+" select="
      ('p', 'head', 'item', 'speaker', 'label', 'l', 'ab', 'title', 'resp', 'catDesc',
       'change', 'language', 'idno', 'publisher', 'date', 'author', 'editor', 'name', 'orgName',
       'persName', 'desc', 'term', 'licence', 'trailer', 'byline', 'dateline', 'citedRange')"/>

  <!-- The hands of notes and interventions, in the order the apparatus lists them. -->
  <xsl:variable name="ed:hands" as="map(xs:string, xs:string)" select="map {
      'ed:author': 'the author',
      'ed:translator': 'the translator',
      'ed:mia': 'the Marxists Internet Archive',
      'ed:website': 'the website or its editor',
      'ed:unknown': 'an unknown hand',
      'ed:editors': 'the editors of this edition' }"/>
  <xsl:variable name="ed:hand-order" as="xs:string+"
      select="('ed:author', 'ed:translator', 'ed:mia', 'ed:website', 'ed:unknown', 'ed:editors')"/>

  <!-- Phrase-level elements: an element of the text holding one of them is mixed text (tei.PHRASES). -->
  <xsl:variable name="ed:phrases" as="xs:string+"
      select="('persName', 'date', 'ref', 'seg', 'supplied', 'add', 'choice', 'q', 'lb', 'title', 'foreign',
               'gap', 'unclear', 'hi', 'rs', 'placeName', 'orgName')"/>

  <!-- Is the element's content mixed text, that is, one block of the text (tei.has_inline_layout)?
       Asked of every element and text node about its parent and ancestors: an element's text
       and phrase-level children are looked up in keys (made once per document), not scanned each
       time, or a division of thousands of blocks would be scanned once per block (quadratic). -->
  <xsl:key name="ed:texts-of" match="text()[normalize-space()]" use="generate-id(..)"/>
  <xsl:key name="ed:phrases-of" match="*[local-name() = $ed:phrases or (local-name() = 'note' and @place = 'inline')]"
      use="generate-id(..)"/>
  <xsl:function name="ed:is-mixed" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="local-name($e) = $ed:always-inline
                          or exists($e/self::cit[@type = 'block'])
                          or empty($e/*)
                          or (if (root($e) instance of document-node())
                              then exists(key('ed:texts-of', generate-id($e), root($e)))
                                   or (exists(key('ed:phrases-of', generate-id($e), root($e)))
                                       and exists($e/ancestor::text))
                              else exists($e/text()[normalize-space()])
                                   or (exists($e/*[local-name() = $ed:phrases or (local-name() = 'note' and @place = 'inline')])
                                       and exists($e/ancestor::text)))"/>
  </xsl:function>

  <!-- Is the element this edition's addition rather than the source's text (fidelity.is_editorial)? -->
  <xsl:function name="ed:is-editorial" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="local-name($e) = ('corr', 'reg', 'expan', 'ex')
                          or (local-name($e) = ('note', 'supplied', 'add', 'head', 'bibl', 'label', 'figure')
                              and tokenize($e/@resp) = 'ed:editors')"/>
  </xsl:function>

  <!-- The hand responsible for an element: its first @resp that names a known hand. -->
  <xsl:function name="ed:hand" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <!-- the occasion of an editors' attribution is theirs, as the attribution is -->
    <xsl:variable name="resp" select="($e/@resp, $e[self::note]/parent::bibl[@type = 'attribution']/@resp)[1]"/>
    <xsl:sequence select="(tokenize($resp)[. = $ed:hand-order], 'ed:unknown')[1]"/>
  </xsl:function>

  <xsl:function name="ed:hand-label" as="xs:string">
    <xsl:param name="hand" as="xs:string"/>
    <xsl:sequence select="($ed:hands($hand), $hand)[1]"/>
  </xsl:function>

  <!-- The source's id: the root's xml:id. -->
  <xsl:function name="ed:source-id" as="xs:string">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="string(root($n)/TEI/@xml:id)"/>
  </xsl:function>

  <!-- A stable anchor: the xml:id, or '<block id>-<element>-<n>', n counted inside the nearest
       block with an xml:id (so an edit elsewhere never moves it; the hyphens keep it apart from
       the converter's ids such as 'src-note4'). -->
  <xsl:function name="ed:anchor" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="block" select="$e/ancestor::*[@xml:id][1]"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id) else
        string($block/@xml:id) || '-' || local-name($e) || '-' ||
        (count($block//*[node-name(.) eq node-name($e)][. &lt;&lt; $e]) + 1)"/>
  </xsl:function>

  <!-- The id of the nearest block (an element with xml:id) holding a node. -->
  <xsl:function name="ed:block-id" as="xs:string">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="string($n/ancestor-or-self::*[@xml:id][1]/@xml:id)"/>
  </xsl:function>

  <!-- The HTML heading level of a head: h1 is the page's title. -->
  <xsl:function name="ed:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="max((2, min((6, count($head/ancestor::div) + 1))))"/>
  </xsl:function>

  <!-- A link target, or '' when it may not be emitted as a link: only same-page fragments,
       http(s) addresses and plain relative paths pass (never javascript:, data:, vbscript:…,
       nor a protocol-relative '//host'). -->
  <xsl:function name="ed:safe-href" as="xs:string">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="t" select="normalize-space($target)"/>
    <xsl:sequence select="
        if ($t = '') then ''
        else if (matches($t, '^#[\p{L}\p{N}_.:-]+$')) then $t
        else if (matches($t, '^https?://[^\s&quot;&lt;&gt;]+$', 'i')) then $t
        else if (matches($t, '^[\p{L}\p{N}_.~-][\p{L}\p{N}_.~/-]*(#[\p{L}\p{N}_.:-]+)?$')) then $t
        else ''"/>
  </xsl:function>

  <!-- A TEI pointer (#id or file.xml#id) as a link within the edition, or ''. -->
  <xsl:function name="ed:pointer-href" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:sequence select="
        if (matches($p, '^#[\p{L}\p{N}_.:-]+$')) then $p
        else if (matches($p, '^[a-z][a-z0-9-]*\.xml#[\p{L}\p{N}_.:-]+$'))
          then '../' || substring-before($p, '.xml') || '/reading.html#' || substring-after($p, '#')
        else ed:safe-href($p)"/>
  </xsl:function>

  <!-- Is a header value actually known? The converters write 'not known'. -->
  <xsl:function name="ed:known" as="xs:boolean">
    <xsl:param name="value" as="item()?"/>
    <xsl:sequence select="normalize-space($value) != '' and normalize-space($value) != 'not known'"/>
  </xsl:function>

  <!-- The main title of a source. -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="normalize-space(($tei/teiHeader/fileDesc/titleStmt/title[@type = 'main'],
                                           $tei/teiHeader/fileDesc/titleStmt/title)[1])"/>
  </xsl:function>

  <!-- A formatted citation of a source, without the view or passage. -->
  <xsl:function name="ed:citation" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="bibl" select="$tei/teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <xsl:variable name="authors" select="$bibl/author[ed:known(.)] ! normalize-space()"/>
    <xsl:variable name="journal" select="$bibl/title[@level = 'j'][1]"/>
    <xsl:variable name="parts" as="xs:string*" select="(
        if (exists($authors)) then string-join($authors, ', ') else (),
        '“' || ed:title($tei) || '”',
        $bibl/editor[@role = 'translator'] ! ('translated by ' || normalize-space()),
        if ($journal) then normalize-space($journal)
            || ($bibl/biblScope[@unit = 'volume'] ! (' ' || normalize-space()))
            || ($bibl/biblScope[@unit = 'issue'] ! (', no. ' || normalize-space())) else (),
        $bibl/publisher[ed:known(.)] ! normalize-space(),
        $bibl/date[not(@type = 'accessed')][ed:known(.)] ! normalize-space())"/>
    <xsl:sequence select="string-join($parts, ', ') || '. In: The Bukharin documents (TEI edition)'"/>
  </xsl:function>

  <!-- The address of a page of the edition, absolute when base-url is set. -->
  <xsl:function name="ed:page-url" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="$base-url || $path"/>
  </xsl:function>

</xsl:stylesheet>
