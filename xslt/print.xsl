<?xml version="1.0" encoding="UTF-8"?>
<!-- The printed edition: HTML for a CSS Paged Media typesetter (WeasyPrint, assets/print.css).
     A source (TEI) becomes its opening and text in the reading or diplomatic mode of the shared
     rules: in the reading text the notes are footnotes at their markers, each marked by its hand;
     in the diplomatic text the source's notes stay where it prints them (end notes).
     A teiCorpus (made by the build) becomes the front matter (title page, contents) or the back
     matter (apparatus, index of persons), with page numbers from $pages. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:import href="common/views.xsl"/>

  <!-- Which text of a source: 'reading' or 'diplomatic' (the mode its text is rendered in). -->
  <xsl:param name="text" as="xs:string" select="'reading'"/>
  <!-- For a teiCorpus: 'front' (title page, contents) or 'back' (apparatus, index). -->
  <xsl:param name="part" as="xs:string" select="'front'"/>
  <!-- The page numbers of the laid-out sources: <pages><source id start count/><a id p/></pages>. -->
  <xsl:param name="pages" as="document-node()?" select="()"/>

  <xsl:key name="ed:anchor-page" match="*:a" use="@id"/>
  <xsl:key name="ed:source-pages" match="*:source" use="@id"/>
  <xsl:key name="ed:note-by-id" match="note[@xml:id]" use="'#' || @xml:id"/>

  <xsl:variable name="ed:edition-title" select="'The Bukharin documents'"/>

  <!-- a source -->
  <xsl:template match="/TEI">
    <xsl:variable name="bibl" select="teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <html lang="{(@xml:lang, 'en')[1]}">
      <head>
        <meta charset="utf-8"/>
        <title>{ed:title(.)}</title>
        <meta name="author" content="{string-join($bibl/author ! normalize-space(), '; ')}"/>
        <meta name="description" content="{ed:title(.)}: {if ($text = 'reading') then 'reading' else 'diplomatic'} text. {$ed:edition-title}."/>
        <meta name="generator" content="{$ed:edition-title} (print.xsl)"/>
      </head>
      <body class="pr-{$text}">
        <xsl:apply-templates select="." mode="ed:print-source"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="TEI" mode="ed:print-source">
    <section class="pr-source" id="{@xml:id}" data-text="{$text}">
      <header class="pr-opening">
        <p class="pr-edition">{$ed:edition-title}</p>
        <h1 class="pr-title">{ed:title(.)}</h1>
        <p class="pr-which">{if ($text = 'reading') then 'Reading text' else 'Diplomatic text: the source’s characters as printed, with its notes where it prints them; no addition of the editors'}</p>
        <xsl:call-template name="ed:print-facts"/>
      </header>
      <xsl:choose>
        <xsl:when test="$text = 'diplomatic'">
          <article class="ed-text ed-diplomatic" data-running-title="{ed:title(.)}">
            <xsl:apply-templates select="text" mode="diplomatic"/>
          </article>
        </xsl:when>
        <xsl:otherwise>
          <article class="ed-text ed-reading" data-running-title="{ed:title(.)}">
            <xsl:apply-templates select="text" mode="reading"/>
          </article>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The source's bibliographic facts, as its header records them. -->
  <xsl:template name="ed:print-facts">
    <xsl:variable name="bibl" select="teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <dl class="pr-facts">
      <xsl:for-each-group select="$bibl/author, $bibl/editor" group-by="if (self::author) then 'Author'
          else if (@role = 'translator') then 'Translator' else 'Editor'">
        <dt>{current-grouping-key()}</dt>
        <dd>{string-join(current-group() ! normalize-space(), '; ')}</dd>
      </xsl:for-each-group>
      <xsl:for-each select="$bibl/title[@level = 'j'][1]">
        <dt>Published in</dt><dd>{normalize-space()}</dd>
      </xsl:for-each>
      <xsl:for-each select="$bibl/publisher[1]">
        <dt>Published by</dt><dd>{normalize-space()}</dd>
      </xsl:for-each>
      <dt>Date</dt>
      <dd>{if ($bibl/date[ed:known(.)]) then normalize-space($bibl/date[1]) else 'not known'}</dd>
      <dt>Address</dt>
      <dd class="pr-url">{normalize-space(($bibl/ptr[1]/@target, 'not known')[1])}</dd>
      <xsl:for-each select="teiHeader/fileDesc/notesStmt/note[@type = 'received-text']">
        <dt>About the received text</dt><dd>{normalize-space()}</dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- Persons carry a stable id (their number in the file) so the index can find their page. -->
  <xsl:template match="persName" mode="reading diplomatic">
    <span class="ed-person" id="{ed:person-anchor(.)}" data-tei="persName">
      <xsl:if test="@ref"><xsl:attribute name="data-ref" select="@ref"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <xsl:function name="ed:person-anchor" as="xs:string">
    <xsl:param name="name" as="element(persName)"/>
    <xsl:variable name="n" as="xs:integer"><xsl:number select="$name" level="any" count="persName" from="TEI"/></xsl:variable>
    <xsl:sequence select="string($name/ancestor::TEI[1]/@xml:id) || '-pn' || $n"/>
  </xsl:function>

  <!-- Paper has no hover and no links to other pages: no cite marks, no parallel links,
       no links of names and dates. -->
  <xsl:variable name="ed:link-names" as="xs:boolean" select="false()"/>
  <xsl:template name="ed:cite-mark"/>
  <xsl:template name="ed:corresp-link"/>

  <!-- A speaker's label keeps with its speech: the editors' notes that stand between the label
       and the speech (the note on an attribution) are footnotes called from the label's line,
       not a line of their own at which the page could break. -->
  <xsl:template match="sp[tokenize(@resp) = 'ed:editors'][not(speaker)]" mode="reading" priority="2">
    <div class="ed-sp" data-tei="sp">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <p class="ed-speaker ed-by-editors" data-edition="attribution">
        <span class="ed-speaker-name">{ed:participant-label(.)}</span>
        <span class="ed-hand-label"> (speaker attributed by the editors)</span>
        <xsl:apply-templates select="ed:label-notes(.)" mode="reading">
          <xsl:with-param name="in-label" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </p>
      <xsl:apply-templates mode="reading"/>
    </div>
  </xsl:template>

  <xsl:template match="speaker" mode="reading">
    <p class="ed-speaker" data-tei="speaker">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <span class="ed-speaker-name"><xsl:apply-templates mode="reading"/></span>
      <xsl:apply-templates select="ed:label-notes(..)" mode="reading">
        <xsl:with-param name="in-label" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </p>
  </xsl:template>

  <xsl:template match="sp/note[ed:is-editorial(.)][. intersect ed:label-notes(..)]" mode="reading" priority="4">
    <xsl:param name="in-label" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$in-label"><xsl:next-match/></xsl:if>
  </xsl:template>

  <!-- The editors' notes of a turn before its speech (after its label, if it has one). -->
  <xsl:function name="ed:label-notes" as="element(note)*">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="speech" select="$sp/*[not(self::speaker or self::note)][1]"/>
    <xsl:sequence select="$sp/note[ed:is-editorial(.)][empty($speech) or . &lt;&lt; $speech]"/>
  </xsl:function>

  <!-- Notes of the reading text: footnotes. -->

  <!-- The first marker of a note becomes its footnote call; the source's number is kept. -->
  <xsl:template match="ref[@type = 'noteref'][not(@subtype = 'unmatched')][key('ed:note-by-id', normalize-space(@target))]" mode="reading" priority="2">
    <xsl:variable name="note" select="key('ed:note-by-id', normalize-space(@target))[1]"/>
    <xsl:choose>
      <xsl:when test=". is key('ed:noterefs', normalize-space(@target))[1]">
        <xsl:call-template name="ed:footnote">
          <xsl:with-param name="note" select="$note"/>
          <xsl:with-param name="call" select="string(($note/@n, @n, replace(normalize-space(), '[\[\]]', ''))[1])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <span class="pr-noteref-again" data-tei="ref">{normalize-space()}</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A marker whose note the source lacks: printed as it stands. -->
  <xsl:template match="ref[@type = 'noteref']" mode="reading diplomatic">
    <span class="ed-noteref" data-tei="ref" id="{ed:anchor(.)}"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <!-- In the diplomatic text a matched marker links to the end note, as printed. -->
  <xsl:template match="ref[@type = 'noteref'][not(@subtype = 'unmatched')][key('ed:note-by-id', normalize-space(@target))]" mode="diplomatic" priority="2">
    <a class="ed-noteref" data-tei="ref" id="{ed:anchor(.)}" href="#{substring-after(normalize-space(@target), '#')}"><xsl:apply-templates mode="#current"/></a>
  </xsl:template>

  <!-- End notes with a marker are footnotes in the reading text; a note no marker points to
       stays in the notes section, so no note is ever lost. -->
  <xsl:template match="note[@place = 'end'][@xml:id][key('ed:noterefs', '#' || @xml:id)]" mode="reading" priority="2"/>

  <xsl:template match="div[@type = 'notes']" mode="reading">
    <xsl:variable name="unmarked" select="note[not(@xml:id and key('ed:noterefs', '#' || @xml:id))]"/>
    <xsl:if test="exists($unmarked) or *[not(self::note or self::head)]">
      <section class="ed-div ed-notes" data-tei="div">
        <xsl:apply-templates select="head" mode="reading"/>
        <xsl:if test="note[not(. intersect $unmarked)]">
          <p class="pr-notes-moved">The notes with a marker in the text are printed as footnotes.</p>
        </xsl:if>
        <xsl:apply-templates select="node()[not(self::head)]" mode="reading"/>
        <xsl:if test="exists($unmarked)">
          <h3>Notes without a marker in the text</h3>
          <xsl:apply-templates select="$unmarked" mode="reading"/>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="note[@place = 'end']" mode="reading diplomatic">
    <div class="ed-endnote ed-hand-{substring-after(ed:hand(.), 'ed:')}" data-tei="note">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <!-- The editors' placeholder of a note the source lacks: its marker is printed as it stands and
       the apparatus says that the note is not in the source. -->
  <xsl:template match="note[@type = 'missing']" mode="reading diplomatic" priority="4"/>

  <!-- The editors' notes: footnotes with a letter, in the reading text only. -->
  <xsl:template match="note[ed:is-editorial(.)][not(parent::bibl[@type = 'attribution'])]" mode="reading" priority="3">
    <xsl:variable name="letter" as="xs:string"><xsl:number select="." level="any" format="a"
        count="note[ed:is-editorial(.)][not(parent::bibl[@type = 'attribution'])]" from="TEI"/></xsl:variable>
    <xsl:call-template name="ed:footnote">
      <xsl:with-param name="note" select="."/>
      <xsl:with-param name="call" select="$letter"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A footnote: float: footnote in print.css; its call and marker show $call, its first words
       say whose note it is. -->
  <xsl:template name="ed:footnote">
    <xsl:param name="note" as="element(note)" required="yes"/>
    <xsl:param name="call" as="xs:string" required="yes"/>
    <xsl:variable name="hand" select="substring-after(ed:hand($note), 'ed:')"/>
    <span class="pr-fn pr-fn-{$hand}" data-call="{$call}" data-tei="note" id="fn-{ed:anchor($note)}">
      <span class="pr-fn-hand">{ed:footnote-label($note)}</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="$note/node()" mode="ed:fn"/>
    </span>
  </xsl:template>

  <xsl:function name="ed:footnote-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="map { 'ed:author': 'Author’s note.', 'ed:translator': 'Translator’s note.',
        'ed:mia': 'Note of the Marxists Internet Archive.', 'ed:website': 'Note of the website.',
        'ed:unknown': 'Note of an unknown hand.', 'ed:editors': 'Editors’ note.' }(ed:hand($note))
        || (if ($note/@type = 'attribution') then ' On the attribution:' else '')"/>
  </xsl:function>

  <!-- Inside a footnote every block is inline (a footnote is one box of text). -->
  <xsl:template match="p | quote | cit" mode="ed:fn">
    <span class="pr-fn-{local-name()}" data-tei="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="ed:fn"/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <!-- The printed number of an end note is the footnote's marker. -->
  <xsl:template match="note[@place = 'end']/p[1]/label[1]" mode="ed:fn"/>
  <xsl:template match="text()[not(normalize-space())][not(ed:is-mixed(..))]" mode="ed:fn"/>
  <xsl:template match="node()" mode="ed:fn" priority="-1">
    <xsl:apply-templates select="." mode="reading"/>
  </xsl:template>

  <!-- The source's bracketed interventions stay in the text, their hand in a small mark. -->
  <xsl:template match="note[@place = 'inline']" mode="reading" priority="1">
    <span class="ed-inline-note ed-hand-{substring-after(ed:hand(.), 'ed:')}" data-tei="note" id="{ed:anchor(.)}">
      <xsl:apply-templates mode="#current"/>
      <span class="pr-hand">{ed:hand-short(ed:hand(.))}</span>
    </span>
  </xsl:template>
  <xsl:template match="note[@place = 'inline']" mode="diplomatic" priority="1">
    <span class="ed-inline-note" data-tei="note" id="{ed:anchor(.)}"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <!-- A correction: the corrected reading, the printed form in the apparatus. -->
  <xsl:template match="choice" mode="reading">
    <span class="ed-choice" data-tei="choice">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="corr | reg" mode="ed:fn-choice"/>
    </span>
  </xsl:template>
  <xsl:template match="corr | reg" mode="ed:fn-choice">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>

  <!-- the corpus -->
  <xsl:template match="/teiCorpus">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title>{$ed:edition-title}</title>
      </head>
      <body class="pr-{$part}">
        <xsl:choose>
          <xsl:when test="$part = 'back'"><xsl:call-template name="ed:back-matter"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="ed:front-matter"/></xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="ed:front-matter">
    <xsl:variable name="edition" select="teiHeader"/>
    <section class="pr-title-page">
      <p class="pr-book-title">{normalize-space($edition//titleStmt/title[@type = 'main'])}</p>
      <p class="pr-book-sub">{normalize-space($edition//titleStmt/title[@type = 'sub'])}</p>
      <p class="pr-book-editors">Edited by {normalize-space(($edition//titleStmt/respStmt[@xml:id = 'editors']/name)[1])}</p>
      <p class="pr-book-note">Made from the edition’s TEI files by its print stylesheet. {normalize-space($edition//publicationStmt/availability)}</p>
    </section>
    <nav class="pr-toc" id="contents">
      <h1>Contents</h1>
      <ol>
        <xsl:for-each select="TEI">
          <li class="pr-toc-source">
            <span class="pr-toc-title">{ed:title(.)}</span>
            <xsl:for-each select="teiHeader/fileDesc/sourceDesc/bibl[1]/author[1][normalize-space() != 'not known']">
              <span class="pr-toc-author">{normalize-space()}</span>
            </xsl:for-each>
            <span class="pr-toc-page">{key('ed:source-pages', @xml:id, $pages)/@start}</span>
          </li>
        </xsl:for-each>
        <li class="pr-toc-back"><span class="pr-toc-title">Apparatus of the editors’ interventions</span><span class="pr-toc-page">{key('ed:anchor-page', 'apparatus', $pages)/@p}</span></li>
        <li class="pr-toc-back"><span class="pr-toc-title">Index of persons</span><span class="pr-toc-page">{key('ed:anchor-page', 'persons', $pages)/@p}</span></li>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="ed:back-matter">
    <section class="pr-back" id="apparatus">
      <h1>Apparatus of the editors’ interventions</h1>
      <p class="pr-back-intro">Every correction and regularization of the editors, every intervention the sources print in brackets with its hand, every cut and every note marker without its note, with the page of the reading text.</p>
      <xsl:for-each select="TEI">
        <xsl:variable name="entries" select="text//(choice | supplied | add | note[@place = 'inline'] | ref[@type = 'noteref'][@subtype = 'unmatched'])"/>
        <h2>{ed:title(.)}</h2>
        <xsl:choose>
          <xsl:when test="empty($entries)"><p class="pr-none">No intervention.</p></xsl:when>
          <xsl:otherwise>
            <ul class="pr-app">
              <xsl:for-each select="$entries">
                <li><span class="pr-app-page">{ed:page(ed:block-id(.))}</span><xsl:text> </xsl:text><xsl:apply-templates select="." mode="ed:app"/></li>
              </xsl:for-each>
            </ul>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </section>
    <section class="pr-back" id="persons">
      <h1>Index of persons</h1>
      <xsl:variable name="corpus" select="."/>
      <ul class="pr-index">
        <xsl:for-each select="standOff//person[@xml:id]">
          <xsl:sort select="tokenize(normalize-space((persName[@type = 'standard'], persName)[1]))[last()]" lang="en"/>
          <xsl:variable name="ref" select="'per:' || @xml:id"/>
          <xsl:variable name="names" select="$corpus/TEI/text//persName[tokenize(@ref) = $ref]"/>
          <xsl:if test="exists($names)">
            <xsl:variable name="pages" as="xs:integer*" select="distinct-values($names ! ed:page(ed:person-anchor(.))[. castable as xs:integer] ! xs:integer(.))"/>
            <li><span class="pr-index-name">{normalize-space((persName[@type = 'standard'], persName)[1])}</span>
              <xsl:for-each select="(birth | death)[@when]"><xsl:if test="position() = 1"> (</xsl:if>{substring(normalize-space(@when), 1, 4)}<xsl:if test="position() != last()">–</xsl:if><xsl:if test="position() = last()">)</xsl:if></xsl:for-each>
              <xsl:text> </xsl:text><span class="pr-index-pages">{string-join(sort($pages) ! string(.), ', ')}</span></li>
          </xsl:if>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:function name="ed:page" as="xs:string">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:sequence select="string((key('ed:anchor-page', $anchor, $pages)/@p, '?')[1])"/>
  </xsl:function>

  <!-- One apparatus entry: what the source printed, what the edition reads, whose it is. -->
  <xsl:template match="choice" mode="ed:app">
    <span class="pr-app-lemma">{string(corr | reg)}</span>] <span class="pr-app-printed">{string(sic | orig)}</span> printed<xsl:for-each
        select="following-sibling::*[1][self::note[ed:is-editorial(.)]]">; {normalize-space()}</xsl:for-each>
  </xsl:template>
  <xsl:template match="supplied" mode="ed:app">
    <span class="pr-app-lemma">{string()}</span> supplied by {ed:hand-label(ed:hand(.))}
  </xsl:template>
  <xsl:template match="note" mode="ed:app">
    <span class="pr-app-lemma">{normalize-space()}</span> intervention of {ed:hand-label(ed:hand(.))}{@type ! (' (' || . || ')')}
  </xsl:template>
  <xsl:template match="add" mode="ed:app">
    <span class="pr-app-lemma">{normalize-space()}</span> added by {ed:hand-label(ed:hand(.))}
  </xsl:template>
  <xsl:template match="choice[reg/gap]" mode="ed:app" priority="1">
    <span class="pr-app-lemma">{normalize-space(orig)}</span> {if (reg/gap/@reason = 'omitted') then 'cut' else 'marked ' || reg/gap/@reason} by {ed:hand-label(ed:hand(reg/gap))}
  </xsl:template>
  <xsl:template match="ref" mode="ed:app">
    marker <span class="pr-app-lemma">{normalize-space()}</span>: the source does not have this note
  </xsl:template>

</xsl:stylesheet>
