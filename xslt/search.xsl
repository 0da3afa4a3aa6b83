<?xml version="1.0" encoding="UTF-8"?>
<!-- The search page, search.html: the form that assets/search.js fills and answers from the
     Pagefind index (its element ids are what the script looks for). Its input is an empty
     <search> of the facts vocabulary; its policy lets Pagefind compile its WebAssembly. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:include href="common/site.xsl"/>

  <xsl:template match="/">
    <xsl:result-document href="{$out}search.html">
      <xsl:call-template name="ed:frame">
        <xsl:with-param name="root" select="''"/>
        <xsl:with-param name="current" select="'search'"/>
        <xsl:with-param name="title" select="'Search — The Bukharin documents'"/>
        <xsl:with-param name="csp" select="$ed:csp-search"/>
        <xsl:with-param name="body-attributes" as="attribute()"><xsl:attribute name="data-view" select="'search'"/></xsl:with-param>
        <xsl:with-param name="trail" select="['Search', '']"/>
        <xsl:with-param name="body" as="element()+">
          <h1>Search</h1>
          <div id="ed-search" data-base="./"><xsl:text>&#10;</xsl:text>
            <noscript><p class="ed-notice">Searching needs JavaScript, which is off in this browser. Everything
else in the edition reads without it: the <a href="persons/index.html">persons</a> list every
mention of a name, and the <a href="chronology.html">chronology</a> every dated statement.</p></noscript><xsl:text>&#10;</xsl:text>
            <p class="ed-notice" id="ed-search-status" role="status" aria-live="polite" hidden=""></p><xsl:text>&#10;</xsl:text>
            <form id="ed-search-form" role="search" hidden=""><xsl:text>&#10;</xsl:text>
              <label for="ed-q">Search the reading texts</label><xsl:text>&#10;</xsl:text>
              <input id="ed-q" name="q" type="search" autocomplete="off"/><xsl:text>&#10;</xsl:text>
              <label for="ed-source">Source</label><select id="ed-source" name="source"><option value="">all sources</option></select><xsl:text>&#10;</xsl:text>
              <label for="ed-person">Person</label><select id="ed-person" name="person"><option value="">anyone</option></select><xsl:text>&#10;</xsl:text>
              <button type="submit">Search</button><xsl:text>&#10;</xsl:text>
            </form><xsl:text>&#10;</xsl:text>
            <p id="ed-search-count" aria-live="polite"></p><xsl:text>&#10;</xsl:text>
            <ol id="ed-results" class="ed-results"></ol><xsl:text>&#10;</xsl:text>
          </div>
          <script type="module" src="assets/search.js"></script>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
