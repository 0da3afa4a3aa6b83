<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI core and textstructure: the rules that reading and diplomatic share. Every HTML element
     made from a TEI element carries data-tei (its name), id (its xml:id) and lang (xml:lang). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="reading" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="diplomatic" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Fail loudly on TEI the views do not map: name the element and where it is. -->
  <xsl:template match="*" mode="reading diplomatic" priority="-10">
    <xsl:sequence select="error(QName('urn:bukharin-edition:xslt', 'ed:unmapped'),
        'no rule of the views for the TEI element &lt;' || name() || '&gt; at ' || path(.) ||
        ' (in block ' || (ed:block-id(.)[. != ''], 'without id')[1] || '); encode it with the '
        || 'vocabulary of the encoding manual, or add a rule for it in xslt/common/')"/>
  </xsl:template>

  <!-- The editors' additions are not the source's text (fidelity.is_editorial): the diplomatic
       text leaves every one of them out, whatever the element. -->
  <xsl:template match="*[ed:is-editorial(.)]" mode="diplomatic" priority="10"/>

  <!-- An element of mixed text standing alone among blocks is a block (a line) of its own, as in
       fidelity.diplomatic_lines: one the views show inline (a citation, a name) gets a line box. -->
  <xsl:template match="*[not(local-name() = ('p', 'head', 'item', 'speaker', 'note', 'quote', 'sp', 'div', 'list', 'cit', 'lb', 'figure', 'certainty'))]
                        [ancestor::text][ed:is-mixed(.)][not(ancestor::*[ed:is-mixed(.)])]"
      mode="reading diplomatic" priority="20">
    <div class="ed-line"><xsl:next-match/></div>
  </xsl:template>

  <!-- Text is the source's, character for character; indentation between blocks is not. -->
  <xsl:template match="text()" mode="reading diplomatic">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="text()[not(normalize-space())][not(ed:is-mixed(..))]" mode="reading diplomatic" priority="1"/>
  <xsl:template match="comment() | processing-instruction()" mode="reading diplomatic"/>

  <!-- Provenance: data-tei, id, lang and the attributes a reader or a test may need. -->
  <xsl:template name="ed:prov">
    <xsl:attribute name="data-tei" select="local-name()"/>
    <xsl:apply-templates select="@*" mode="ed:prov"/>
  </xsl:template>
  <xsl:template match="@xml:id" mode="ed:prov"><xsl:attribute name="id" select="."/></xsl:template>
  <xsl:template match="@xml:lang" mode="ed:prov"><xsl:attribute name="lang" select="."/></xsl:template>
  <xsl:template match="@type | @subtype | @resp | @who | @n | @rend | @place | @reason | @corresp"
      mode="ed:prov"><xsl:attribute name="data-{local-name()}" select="."/></xsl:template>
  <xsl:template match="@*" mode="ed:prov" priority="-1"/>

  <!-- The text and its parts. -->
  <xsl:template match="text" mode="reading diplomatic">
    <xsl:apply-templates select="node()" mode="#current"/>
  </xsl:template>

  <xsl:template match="front | body | back" mode="reading diplomatic">
    <div class="ed-{local-name()}"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <!-- A division with a heading is an HTML section; one without stays a plain div. -->
  <xsl:template match="div" mode="reading diplomatic">
    <xsl:element name="{if (head) then 'section' else 'div'}">
      <xsl:attribute name="class" select="'ed-div'"/>
      <xsl:call-template name="ed:prov"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="div[@type = 'notes']" mode="reading diplomatic">
    <section class="ed-div ed-notes" role="doc-endnotes" aria-label="Notes"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></section>
  </xsl:template>

  <!-- A heading's "cite this" mark stands beside the heading, not in it: a heading's name is its
       text only, and its citation card is no heading's child. -->
  <xsl:template match="head" mode="reading diplomatic">
    <xsl:variable name="mark" as="element()*"><xsl:call-template name="ed:cite-mark"/></xsl:variable>
    <xsl:variable name="heading" as="element()">
      <xsl:element name="h{ed:heading-level(.)}">
        <xsl:call-template name="ed:prov"/>
        <xsl:apply-templates mode="#current"/>
      </xsl:element>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($mark)"><div class="ed-heading"><xsl:sequence select="$heading, $mark"/></div></xsl:when>
      <xsl:otherwise><xsl:sequence select="$heading"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="p" mode="reading diplomatic">
    <p><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/><xsl:call-template name="ed:corresp-link"/><xsl:call-template name="ed:cite-mark"/></p>
  </xsl:template>

  <!-- Lists keep the labels the source printed, so the HTML list adds none. -->
  <xsl:template match="list" mode="reading diplomatic">
    <ul class="ed-list"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></ul>
  </xsl:template>

  <xsl:template match="item" mode="reading diplomatic">
    <li><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/><xsl:call-template name="ed:cite-mark"/></li>
  </xsl:template>

  <xsl:template match="label" mode="reading diplomatic">
    <span class="ed-label"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="lb" mode="reading diplomatic">
    <br data-tei="lb"/>
  </xsl:template>

  <!-- Quotations: a block quotation, or a quotation inside running text. -->
  <xsl:template match="quote" mode="reading diplomatic">
    <blockquote><xsl:call-template name="ed:prov"/><xsl:call-template name="ed:corresp-link"/><xsl:apply-templates mode="#current"/></blockquote>
  </xsl:template>

  <xsl:template match="quote[ed:is-mixed(..)]" mode="reading diplomatic" priority="1">
    <span class="ed-quote"><xsl:call-template name="ed:prov"/><xsl:call-template name="ed:who-title"/><xsl:apply-templates mode="#current"/><xsl:call-template name="ed:corresp-link"/></span>
  </xsl:template>

  <!-- Quotation marks are the source's characters: q adds none. -->
  <xsl:template match="q" mode="reading diplomatic">
    <span class="ed-q"><xsl:call-template name="ed:prov"/><xsl:call-template name="ed:who-title"/><xsl:apply-templates mode="#current"/><xsl:call-template name="ed:corresp-link"/></span>
  </xsl:template>

  <xsl:template name="ed:who-title">
    <xsl:if test="@who">
      <xsl:attribute name="title" select="'Words of ' || @who"/>
    </xsl:if>
  </xsl:template>

  <!-- The title of a work the text names: names and dates in it are its words, not mentions. -->
  <xsl:template match="title" mode="reading diplomatic">
    <cite class="ed-title"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></cite>
  </xsl:template>

  <!-- A word or phrase in another language: its language for readers, screen readers and hyphenation. -->
  <xsl:template match="foreign" mode="reading diplomatic">
    <span class="ed-foreign"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <!-- A citation printed after a quotation. -->
  <xsl:template match="bibl" mode="reading diplomatic">
    <cite class="ed-bibl"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></cite>
  </xsl:template>

  <!-- An entry of a quotation collection: the quotation and the editors' attribution. -->
  <xsl:template match="cit" mode="reading diplomatic">
    <div class="ed-cit"><xsl:call-template name="ed:prov"/><xsl:call-template name="ed:corresp-link"/><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <!-- A block quotation with, outside the quote, the citation and the note marker the source
       prints after it: one line of the text, set off as a quotation. -->
  <xsl:template match="cit[@type = 'block']" mode="reading diplomatic">
    <blockquote class="ed-cit ed-cit-block"><xsl:call-template name="ed:prov"/><xsl:call-template name="ed:corresp-link"/>
      <p class="ed-cit-line"><xsl:apply-templates mode="#current"/><xsl:call-template name="ed:cite-mark"/></p>
    </blockquote>
  </xsl:template>

  <!-- A link to a parallel passage (@corresp), in the reading text only. -->
  <xsl:template name="ed:corresp-link">
    <xsl:param name="view" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="$view = 'reading.html'">
      <xsl:for-each select="tokenize(@corresp)[ed:pointer-href(.) != '']">
        <a class="ed-corresp" href="{ed:pointer-href(.)}" data-edition="corresp">parallel passage</a>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The editors' attribution of a collection item: who is quoted, and on what occasion. -->
  <xsl:template match="bibl[@type = 'attribution']" mode="reading" priority="5">
    <p class="ed-attribution"><xsl:call-template name="ed:prov"/>— <xsl:apply-templates mode="#current"/></p>
  </xsl:template>
  <xsl:template match="bibl[@type = 'attribution']/author" mode="reading" priority="5">
    <span class="ed-author" data-tei="author">
      <xsl:if test="@ref"><xsl:attribute name="title" select="'Person ' || @ref"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>
  <xsl:template match="bibl[@type = 'attribution']/note" mode="reading" priority="5">
    <span class="ed-occasion" data-tei="note" id="{ed:anchor(.)}"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

</xsl:stylesheet>
