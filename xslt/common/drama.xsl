<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI drama (performance texts): a record of proceedings as a dialogue. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:key name="ed:participant" match="particDesc//person[@xml:id]" use="'#' || @xml:id"/>

  <xsl:template match="sp" mode="reading diplomatic">
    <div class="ed-sp"><xsl:call-template name="ed:prov"/><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <!-- A turn whose speaker the source does not print: the reading text names the participant
       the editors attribute it to, marked as theirs. -->
  <xsl:template match="sp[tokenize(@resp) = 'ed:editors'][not(speaker)]" mode="reading" priority="1">
    <div class="ed-sp"><xsl:call-template name="ed:prov"/>
      <p class="ed-speaker ed-by-editors" data-edition="attribution">
        <span class="ed-speaker-name" title="Speaker: {ed:participant-label(.)}{ed:participant-register(.)}">{ed:participant-label(.)}</span>
        <span class="ed-hand-label"> (speaker attributed by the editors{(certainty[@match = '@who'][1]/@cert, @cert)[1] ! (', certainty ' || .)})</span>
      </p>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="speaker" mode="reading">
    <p class="ed-speaker"><xsl:call-template name="ed:prov"/>
      <xsl:attribute name="title" select="'Speaker: ' || ed:participant-label(..) || ed:participant-register(..)"/>
      <span class="ed-speaker-name"><xsl:apply-templates mode="#current"/></span>
    </p>
  </xsl:template>

  <!-- In the diplomatic text a speaker label runs into its speech after one space, as printed. -->
  <xsl:template match="speaker" mode="diplomatic">
    <xsl:if test="not(following-sibling::*[not(ed:is-editorial(.))][1][self::p or self::ab])">
      <xsl:sequence select="error(QName('urn:bukharin-edition:xslt', 'ed:speaker'),
          'the speaker at ' || path(.) || ' (in ' || ed:block-id(.) || ') is not followed by a p: '
          || 'the diplomatic text runs a speaker into the paragraph of its speech')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="p[preceding-sibling::*[not(ed:is-editorial(.))][1][self::speaker]]" mode="diplomatic" priority="1">
    <xsl:variable name="speaker" select="preceding-sibling::*[not(ed:is-editorial(.))][1]"/>
    <p><xsl:call-template name="ed:prov"/>
      <span class="ed-speaker"><xsl:for-each select="$speaker"><xsl:call-template name="ed:prov"/></xsl:for-each>
        <xsl:apply-templates select="$speaker/node()" mode="#current"/></span>
      <!-- One space between label and speech, unless the label ends its line or the speech has
           no diplomatic text (fidelity.diplomatic_lines does the same). -->
      <xsl:if test="not(ends-with(string($speaker), '&#10;') or $speaker/node()[last()][self::lb])
                    and exists((.//text()[string(.) != ''] | .//lb)[not(ancestor-or-self::*[ed:is-editorial(.)])])"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="#current"/>
      <xsl:call-template name="ed:cite-mark"/>
    </p>
  </xsl:template>

  <!-- A turn whose label the source prints with no speech (ab type empty-turn, the editors'). -->
  <xsl:template match="ab[@type = 'empty-turn']" mode="reading">
    <p class="ed-empty-turn"><xsl:call-template name="ed:prov"/>(no words follow the label)</p>
  </xsl:template>
  <xsl:template match="ab[@type = 'empty-turn']" mode="diplomatic">
    <xsl:variable name="speaker" select="preceding-sibling::*[not(ed:is-editorial(.))][1][self::speaker]"/>
    <p><xsl:call-template name="ed:prov"/>
      <span class="ed-speaker"><xsl:for-each select="$speaker"><xsl:call-template name="ed:prov"/></xsl:for-each>
        <xsl:apply-templates select="$speaker/node()" mode="#current"/></span>
    </p>
  </xsl:template>

  <!-- The participant's label and register entry, for the title of a speaker. -->
  <xsl:function name="ed:participant-label" as="xs:string">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="person" select="key('ed:participant', tokenize($sp/@who)[1], root($sp))[1]"/>
    <xsl:sequence select="if ($person) then normalize-space(($person/persName)[1])
        else string(($sp/@who, 'not known')[1])"/>
  </xsl:function>

  <xsl:function name="ed:participant-register" as="xs:string">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="person" select="key('ed:participant', tokenize($sp/@who)[1], root($sp))[1]"/>
    <xsl:sequence select="string-join(($person/@corresp ! (', person register: ' || .)), '')"/>
  </xsl:function>

</xsl:stylesheet>
