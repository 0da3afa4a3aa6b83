<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI names and dates: a person's register id and a date's ISO value, visible on hover
     (title) and to machines (data-ref, time/@datetime). In the reading text a registered
     person's name links to the person's page and a date to its year in the chronology; the
     diplomatic text shows the source's text only, without links of the edition. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Do names and dates link to the edition's pages? print.xsl sets it false: paper has no
       other pages to go to. -->
  <xsl:variable name="ed:link-names" as="xs:boolean" select="true()"/>

  <!-- The person register beside the TEI file (persons.xml, as the schema's rules read it):
       only a person it lists has a page to link to. -->
  <xsl:key name="ed:person" match="person[@xml:id]" use="string(@xml:id)"/>
  <xsl:function name="ed:register" as="document-node()?">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="base" select="base-uri(root($n))"/>
    <xsl:variable name="uri" select="if ($base) then resolve-uri('persons.xml', $base) else ()"/>
    <xsl:sequence select="if (exists($uri) and doc-available($uri)) then doc($uri) else ()"/>
  </xsl:function>

  <!-- Elements whose HTML in the reading text is a link around their content (ed:wraps-link) or
       holds links (ed:makes-link): a name or date inside or around one does not link, since
       links do not nest. -->
  <xsl:function name="ed:wraps-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::ref or self::ptr or self::choice or self::supplied
        or self::seg[@type = 'omission']])"/>
  </xsl:function>
  <xsl:function name="ed:makes-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:wraps-link($e) or exists($e[self::note])"/>
  </xsl:function>

  <!-- The page of a name's person, relative to a source's page, or '': a name in the text with
       one register pointer to a person the register lists; not inside a title (a title's names
       are its words, not mentions) nor inside or around another link. -->
  <xsl:function name="ed:person-href" as="xs:string">
    <xsl:param name="name" as="element(persName)"/>
    <xsl:variable name="refs" select="tokenize($name/@ref)"/>
    <xsl:variable name="id" select="substring-after($refs[1], 'per:')"/>
    <xsl:sequence select="
        if (not($ed:link-names) or count($refs) ne 1 or $id = '' or empty($name/ancestor::text)
            or exists($name/ancestor::title)
            or exists($name/ancestor::*[ed:wraps-link(.)]) or exists($name//*[ed:makes-link(.)])
            or exists($name/ancestor::persName[ed:person-href(.) != ''])
            or exists($name/ancestor::date[ed:year-href(.) != ''])) then ''
        else if (empty(ed:register($name) ! key('ed:person', $id, .))) then ''
        else '../persons/' || $id || '.html'"/>
  </xsl:function>

  <!-- A date's year in the chronology, or '': for a date the chronology lists
       (chronology.statements_of: in the text, not the editors' addition, not inside a title or
       another date) whose value begins with a year, not inside or around another link.
       chronology.html has an anchor for every year a statement has (chronology.xsl): its
       section, the first statement of a year held in an earlier year's event, or, when the
       years have pages of their own, the year's link to its page. -->
  <xsl:function name="ed:year-href" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="year" select="substring(($date/@when, $date/@from, $date/@notBefore)[1], 1, 4)"/>
    <xsl:sequence select="
        if (not($ed:link-names) or not(matches($year, '^\d{4}$')) or empty($date/ancestor::text)
            or exists($date/ancestor-or-self::*[ed:is-editorial(.)])
            or exists($date/ancestor::title | $date/ancestor::date | $date/ancestor::teiHeader)
            or exists($date/ancestor::*[ed:wraps-link(.)]) or exists($date//*[ed:makes-link(.)])
            or exists($date//persName | $date//date)
            or exists($date/ancestor::persName)) then ''
        else '../chronology.html#' || 'y' || $year"/>
  </xsl:function>

  <xsl:template match="persName" mode="reading">
    <xsl:call-template name="ed:person"><xsl:with-param name="href" select="ed:person-href(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="persName" mode="diplomatic">
    <xsl:call-template name="ed:person"><xsl:with-param name="href" select="''"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:person">
    <xsl:param name="href" as="xs:string" required="yes"/>
    <xsl:element name="{if ($href != '') then 'a' else 'span'}">
      <xsl:attribute name="class" select="'ed-person'"/>
      <xsl:if test="$href != ''"><xsl:attribute name="href" select="$href"/></xsl:if>
      <xsl:call-template name="ed:prov"/>
      <xsl:if test="@ref">
        <xsl:attribute name="data-ref" select="@ref"/>
        <xsl:attribute name="title" select="'Person register: ' || @ref"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- A date with an exact ISO value is an HTML time; ranges and vague dates are described.
       In the reading text a date the chronology lists is inside a link to its year. -->
  <xsl:template match="date" mode="reading">
    <xsl:variable name="href" select="ed:year-href(.)"/>
    <xsl:choose>
      <xsl:when test="$href != ''">
        <a class="ed-year" href="{$href}"><xsl:call-template name="ed:date"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="date" mode="diplomatic">
    <xsl:call-template name="ed:date"/>
  </xsl:template>

  <xsl:template name="ed:date">
    <xsl:variable name="exact" select="matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')"/>
    <xsl:element name="{if ($exact) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'ed-date'"/>
      <xsl:call-template name="ed:prov"/>
      <xsl:if test="$exact"><xsl:attribute name="datetime" select="@when"/></xsl:if>
      <xsl:variable name="described" select="ed:date-description(.)"/>
      <xsl:if test="$described != ''"><xsl:attribute name="title" select="$described"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="ed:date-description" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="parts" as="xs:string*" select="(
        $date/@when ! string(.),
        $date/@from ! ('from ' || .),
        $date/@to ! ('to ' || .),
        $date/@notBefore ! ('not before ' || .),
        $date/@notAfter ! ('not after ' || .),
        $date/@when-custom ! (. || ' in the ' ||
            (if ($date/@datingMethod = 'ed:julian') then 'Julian calendar' else 'calendar ' || $date/@datingMethod)),
        $date/@precision[. = 'low'] ! 'approximate',
        $date/@cert ! ('certainty: ' || .))"/>
    <xsl:sequence select="string-join($parts, ', ')"/>
  </xsl:function>

</xsl:stylesheet>
