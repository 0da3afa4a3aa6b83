<?xml version="1.0" encoding="UTF-8"?>
<!-- The frame of every page of the edition (ed:frame: policy, masthead, breadcrumbs, footer),
     and the page around a view: the views of the source, the source's bibliographic facts from
     its header, the download of its TEI file, "cite this". -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <!-- The views of a source: file name, label, and the name used in citations. -->
  <xsl:variable name="ed:views" as="map(xs:string, xs:string)+" select="(
      map { 'file': 'reading.html', 'label': 'Reading text' },
      map { 'file': 'diplomatic.html', 'label': 'Diplomatic text' },
      map { 'file': 'apparatus.html', 'label': 'Notes and apparatus' },
      map { 'file': 'parallel.html', 'label': 'Parallel view' })"/>

  <!-- The neighbours of this source in the edition's order: id and title, '' at either end
       (set by the build for each source). -->
  <xsl:param name="prev-id" as="xs:string" select="''"/>
  <xsl:param name="prev-title" as="xs:string" select="''"/>
  <xsl:param name="next-id" as="xs:string" select="''"/>
  <xsl:param name="next-title" as="xs:string" select="''"/>

  <!-- The Content-Security-Policy of every page: nothing but the edition's own files, no inline
       script or style; the search page also lets Pagefind compile its WebAssembly. (The preview
       server, edition serve, reads both from here.) -->
  <xsl:variable name="ed:csp" as="xs:string" select="&quot;default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'&quot;"/>
  <xsl:variable name="ed:csp-search" as="xs:string" select="replace($ed:csp, &quot;script-src 'self'&quot;, &quot;script-src 'self' 'wasm-unsafe-eval'&quot;)"/>

  <!-- The parts of the edition, in the masthead's order: key (for $current), file, label. -->
  <xsl:variable name="ed:parts" as="array(xs:string)+" select="(['index', 'index.html', 'Sources'],
      ['persons', 'persons/index.html', 'Persons'], ['chronology', 'chronology.html', 'Chronology'],
      ['search', 'search.html', 'Search'], ['manual', 'encoding-manual.html', 'Encoding manual'])"/>

  <!-- The header of every page: the edition's title and its parts ($root leads to the top). -->
  <xsl:template name="ed:site-header">
    <xsl:param name="root" as="xs:string" select="'../'"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <header class="ed-masthead">
      <p class="ed-edition-name"><a href="{$root}index.html">The Bukharin documents</a></p>
      <nav class="ed-site-nav" aria-label="The edition">
        <ul>
          <xsl:for-each select="$ed:parts">
            <li><a href="{$root}{?2}">
              <xsl:if test="?1 = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:value-of select="?3"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <!-- The frame of every page: head (policy, viewport, shared CSS), skip link, masthead,
       breadcrumbs, the main content and the footer. $trail: [label, href] pairs after "The
       edition", the last the page itself (href ''); none: no breadcrumbs (the index, the top).
       $before and $after stand before and after main (a source's views, its neighbours). -->
  <xsl:template name="ed:frame">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="csp" as="xs:string" select="$ed:csp"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <xsl:param name="body-attributes" as="attribute()*" select="()"/>
    <xsl:param name="skip" as="xs:string" select="'Skip to the content'"/>
    <xsl:param name="trail" as="array(xs:string)*" select="()"/>
    <xsl:param name="before" as="node()*" select="()"/>
    <xsl:param name="body" as="node()*" required="yes"/>
    <xsl:param name="after" as="node()*" select="()"/>
    <xsl:param name="footer" as="node()*">
      <p>The Bukharin documents: a TEI edition. <a href="{$root}index.html">All sources</a> · <a
          href="{$root}dts/index.json">Machine interface (DTS)</a></p>
    </xsl:param>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{$title}</title>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <xsl:sequence select="$body-attributes"/>
        <a class="ed-skip" href="#ed-main">{$skip}</a>
        <xsl:call-template name="ed:site-header">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="current" select="$current"/>
        </xsl:call-template>
        <xsl:if test="exists($trail)">
          <nav class="ed-breadcrumbs" aria-label="Breadcrumbs">
            <ol>
              <li><a href="{$root}index.html">The edition</a></li>
              <xsl:for-each select="$trail">
                <xsl:choose>
                  <xsl:when test="?2 != ''"><li><a href="{?2}">{?1}</a></li></xsl:when>
                  <xsl:otherwise><li aria-current="page">{?1}</li></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </ol>
          </nav>
        </xsl:if>
        <xsl:sequence select="$before"/>
        <main id="ed-main">
          <xsl:sequence select="$body"/>
        </main>
        <xsl:sequence select="$after"/>
        <footer class="ed-footer">
          <xsl:sequence select="$footer"/>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A whole page of one source. $view is the file name of the page; $body its content. -->
  <xsl:template name="ed:page">
    <xsl:param name="tei" as="element(TEI)" required="yes"/>
    <xsl:param name="view" as="xs:string" required="yes"/>
    <xsl:param name="body" as="node()*" required="yes"/>
    <xsl:variable name="id" select="string($tei/@xml:id)"/>
    <xsl:variable name="label" select="$ed:views[?file = $view]?label"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="title" select="ed:title($tei) || ' — ' || $label || ' — The Bukharin documents'"/>
      <xsl:with-param name="lang" select="string(($tei/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="head" as="element()">
        <link rel="alternate" type="application/tei+xml" href="../tei/{$id}.xml"/>
      </xsl:with-param>
      <xsl:with-param name="body-attributes" as="attribute()+">
        <xsl:attribute name="data-source" select="$id"/>
        <xsl:attribute name="data-view" select="substring-before($view, '.html')"/>
      </xsl:with-param>
      <xsl:with-param name="skip" select="'Skip to the text'"/>
      <xsl:with-param name="trail" select="([ed:title($tei), 'reading.html'], [$label, ''])"/>
      <xsl:with-param name="before" as="element()">
        <nav class="ed-views" aria-label="Views of this source">
          <ul>
            <xsl:for-each select="$ed:views">
              <li>
                <a href="{?file}">
                  <xsl:if test="?file = $view">
                    <xsl:attribute name="aria-current" select="'page'"/>
                  </xsl:if>
                  <xsl:value-of select="?label"/>
                </a>
              </li>
            </xsl:for-each>
            <li><a href="../tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml">TEI file</a></li>
            <li><a href="../text/{$id}.txt" download="{$id}.txt" type="text/plain">Plain text</a></li>
          </ul>
        </nav>
      </xsl:with-param>
      <xsl:with-param name="body" as="node()*">
        <h1><span class="ed-title">{ed:title($tei)}</span><xsl:text> </xsl:text><span class="ed-view-name">{$label}</span></h1>
        <xsl:call-template name="ed:facts">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="view" select="$view"/>
        </xsl:call-template>
        <xsl:sequence select="$body"/>
      </xsl:with-param>
      <xsl:with-param name="after" as="element()*">
        <xsl:if test="$prev-id != '' or $next-id != ''">
          <nav class="ed-prev-next" aria-label="Previous and next source">
            <xsl:if test="$prev-id != ''"><a rel="prev" href="../{$prev-id}/{$view}">← {$prev-title}</a></xsl:if>
            <xsl:if test="$next-id != ''"><a rel="next" href="../{$next-id}/{$view}">{$next-title} →</a></xsl:if>
          </nav>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="footer" as="element()">
        <p>{normalize-space($tei/teiHeader/fileDesc/publicationStmt/availability)}
            <a href="../tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml">Download the TEI file ({$id}.xml)</a>.</p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The source's bibliographic facts, as its header records them: a line of the essentials
       (author, where and when published), every fact folded under it, and the citation of the
       page, so that the text begins on the first screen. -->
  <xsl:template name="ed:facts">
    <xsl:param name="tei" as="element(TEI)" required="yes"/>
    <xsl:param name="view" as="xs:string" required="yes"/>
    <xsl:variable name="bibl" select="$tei/teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <xsl:variable name="id" select="string($tei/@xml:id)"/>
    <section class="ed-facts" aria-labelledby="ed-facts-title" data-tei="sourceDesc">
      <h2 id="ed-facts-title">About this source</h2>
      <p class="ed-facts-brief">{ed:facts-brief($tei)}</p>
      <details class="ed-facts-all">
      <summary>All the facts</summary>
      <dl>
        <xsl:call-template name="ed:fact">
          <xsl:with-param name="term" select="'Author'"/>
          <xsl:with-param name="values" select="$bibl/author"/>
        </xsl:call-template>
        <xsl:call-template name="ed:fact">
          <xsl:with-param name="term" select="'Translator'"/>
          <xsl:with-param name="values" select="$bibl/editor[@role = 'translator']"/>
        </xsl:call-template>
        <xsl:call-template name="ed:fact">
          <xsl:with-param name="term" select="'Editor'"/>
          <xsl:with-param name="values" select="$bibl/editor[not(@role = 'translator')]"/>
        </xsl:call-template>
        <xsl:if test="$bibl/title[@level = 'j']">
          <dt>Published in</dt>
          <dd data-tei="title">{normalize-space($bibl/title[@level = 'j'][1])}<xsl:for-each
              select="$bibl/biblScope[@unit = 'volume']">, volume {normalize-space()}</xsl:for-each><xsl:for-each
              select="$bibl/biblScope[@unit = 'issue']">, no. {normalize-space()}</xsl:for-each></dd>
        </xsl:if>
        <xsl:call-template name="ed:fact">
          <xsl:with-param name="term" select="'Published by'"/>
          <xsl:with-param name="values" select="$bibl/publisher"/>
        </xsl:call-template>
        <dt>Date</dt>
        <dd data-tei="date">
          <xsl:choose>
            <xsl:when test="$bibl/date[ed:known(.)]">
              <xsl:apply-templates select="$bibl/date[1]" mode="reading"/>
            </xsl:when>
            <xsl:otherwise>not known</xsl:otherwise>
          </xsl:choose>
        </dd>
        <!-- the date of writing, where the header records it (profileDesc/creation) -->
        <xsl:for-each select="$tei/teiHeader/profileDesc/creation/date[1]">
          <dt>Written</dt>
          <dd data-tei="creation"><xsl:apply-templates select="." mode="reading"/></dd>
        </xsl:for-each>
        <dt>Address</dt>
        <dd>
          <xsl:variable name="href" select="ed:safe-href($bibl/ptr[1]/@target)"/>
          <xsl:choose>
            <xsl:when test="$href != '' and matches($href, '^https?:', 'i')">
              <a href="{$href}" data-tei="ptr">{$href}</a>
            </xsl:when>
            <xsl:when test="$bibl/ptr/@target">{normalize-space($bibl/ptr[1]/@target)} (not a web address; not linked)</xsl:when>
            <xsl:otherwise>{normalize-space(($bibl/note[@type = 'url'], 'not known')[1])}</xsl:otherwise>
          </xsl:choose>
        </dd>
        <xsl:if test="exists($tei/teiHeader/profileDesc/textClass/catRef[@scheme = 'ed:genre'])"><dt>Genre</dt></xsl:if>
        <xsl:for-each select="$tei/teiHeader/profileDesc/textClass/catRef[@scheme = 'ed:genre']">
          <dd data-tei="catRef">{replace(substring-after(@target, 'ed:genre-'), '-', ' ')}</dd>
        </xsl:for-each>
        <xsl:if test="exists($bibl//citedRange[@unit = 'line'])"><dt>Received text</dt></xsl:if>
        <xsl:for-each select="$bibl//citedRange[@unit = 'line']">
          <dd data-tei="citedRange">lines {normalize-space()} of the received file</dd>
        </xsl:for-each>
        <xsl:if test="exists($bibl/note[@type = 'facts'])"><dt>Where the facts come from</dt></xsl:if>
        <xsl:for-each select="$bibl/note[@type = 'facts']">
          <dd data-tei="note">{normalize-space()}</dd>
        </xsl:for-each>
        <xsl:if test="exists($tei/teiHeader/fileDesc/notesStmt/note[@type = 'received-text'])"><dt>About the received text</dt></xsl:if>
        <xsl:for-each select="$tei/teiHeader/fileDesc/notesStmt/note[@type = 'received-text']">
          <dd data-tei="note">{normalize-space()}</dd>
        </xsl:for-each>
      </dl>
      </details>
      <details class="ed-cite-page">
        <summary>Cite this page</summary>
        <p><span class="ed-citation">{ed:citation($tei)}, {lower-case($ed:views[?file = $view]?label)}.</span><xsl:text> </xsl:text><a class="ed-url" href="{$view}">{ed:page-url($id || '/' || $view)}</a></p>
        <p>Every paragraph has its own anchor: the mark ¶ beside it gives its address and citation.</p>
      </details>
    </section>
  </xsl:template>

  <!-- The essentials of a source's facts in one line: its authors, where it was published and
       when, each left out when the header does not know it. -->
  <xsl:function name="ed:facts-brief" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="bibl" select="$tei/teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <xsl:variable name="parts" as="xs:string*" select="(
        string-join($bibl/author[ed:known(.)] ! normalize-space(), '; '),
        ($bibl/title[@level = 'j'], $bibl/publisher)[ed:known(.)][1] ! normalize-space(),
        $bibl/date[ed:known(.)][1] ! normalize-space())[. != '']"/>
    <xsl:sequence select="if (exists($parts)) then string-join($parts, ' · ') else 'Author, place and date not known.'"/>
  </xsl:function>

  <!-- The citation of a view of a source, as a block's "cite this" begins it. -->
  <xsl:function name="ed:cite-prefix" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="ed:citation($tei) || ', ' || lower-case($ed:views[?file = $view]?label)"/>
  </xsl:function>

  <!-- One fact: a term and its values, 'not known' when the header has none that is known. -->
  <xsl:template name="ed:fact">
    <xsl:param name="term" as="xs:string" required="yes"/>
    <xsl:param name="values" as="element()*" required="yes"/>
    <xsl:if test="exists($values)">
      <dt>{$term}</dt>
      <dd data-tei="{local-name($values[1])}">{string-join($values ! normalize-space(), '; ')}</dd>
    </xsl:if>
  </xsl:template>

  <!-- The "cite this" mark of a block: its address and its formatted citation, shown on focus. -->
  <!-- $citation is the page's "<citation>, <view>" (ed:cite-prefix), passed down once by the
       view's entry stylesheet: made for every block, it is a tenth of a long page's time. -->
  <xsl:template name="ed:cite-mark">
    <xsl:param name="view" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="cite-prefix" as="xs:string?" tunnel="yes" select="()"/>
    <xsl:if test="$view != '' and @xml:id">
      <xsl:variable name="tei" select="root(.)/TEI"/>
      <xsl:variable name="url" select="ed:page-url($tei/@xml:id || '/' || $view || '#' || @xml:id)"/>
      <span class="ed-cite" data-edition="cite">
        <a class="ed-cite-link" href="#{@xml:id}"><span aria-hidden="true">¶</span><span class="ed-hidden-label">Cite this passage ({@xml:id})</span></a>
        <span class="ed-cite-card"><span class="ed-citation">{($cite-prefix, ed:cite-prefix($tei, $view))[1]}, § {@xml:id}.</span><xsl:text> </xsl:text><span class="ed-url">{$url}</span></span>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
