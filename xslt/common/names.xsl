<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI names and dates: a person's register id and a date's ISO value, visible on hover
     (title) and to machines (data-ref, time/@datetime). The same in both views: they add no text. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="persName" mode="reading diplomatic">
    <span class="ed-person"><xsl:call-template name="ed:prov"/>
      <xsl:if test="@ref">
        <xsl:attribute name="data-ref" select="@ref"/>
        <xsl:attribute name="title" select="'Person register: ' || @ref"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- A date with an exact ISO value is an HTML time; ranges and vague dates are described. -->
  <xsl:template match="date" mode="reading diplomatic">
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
