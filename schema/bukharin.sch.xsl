<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated from schema/bukharin.odd by `edition schema`: do not edit; edit the ODD. -->
<xsl:stylesheet xmlns:iso="http://purl.oclc.org/dsdl/schematron"
                xmlns:rna="http://relaxng.org/ns/compatibility/annotations/1.0"
                xmlns:rng="http://relaxng.org/ns/structure/1.0"
                xmlns:saxon="http://saxon.sf.net/"
                xmlns:sch="http://purl.oclc.org/dsdl/schematron"
                xmlns:sch1x="http://www.ascc.net/xml/schematron"
                xmlns:schold="http://www.ascc.net/xml/schematron"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:xhtml="http://www.w3.org/1999/xhtml"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                version="2.0"><!--Implementers: please note that overriding process-prolog or process-root is 
    the preferred method for meta-stylesheets to use where possible. -->
   <xsl:param name="archiveDirParameter"/>
   <xsl:param name="archiveNameParameter"/>
   <xsl:param name="fileNameParameter"/>
   <xsl:param name="fileDirParameter"/>
   <xsl:variable name="document-uri">
      <xsl:value-of select="document-uri(/)"/>
   </xsl:variable>
   <!--PHASES-->
   <!--PROLOG-->
   <xsl:output xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
               method="xml"
               omit-xml-declaration="no"
               standalone="yes"
               indent="yes"/>
   <!--XSD TYPES FOR XSLT2-->
   <!--KEYS AND FUNCTIONS-->
   <!--DEFAULT RULES-->
   <!--MODE: SCHEMATRON-SELECT-FULL-PATH-->
   <!--This mode can be used to generate an ugly though full XPath for locators-->
   <xsl:template match="* | @*" mode="schematron-select-full-path">
      <xsl:apply-templates select="." mode="schematron-get-full-path"/>
   </xsl:template>
   <!--MODE: SCHEMATRON-FULL-PATH-->
   <!--This mode can be used to generate an ugly though full XPath for locators-->
   <xsl:template match="*" mode="schematron-get-full-path">
      <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
      <xsl:text>/</xsl:text>
      <xsl:choose>
         <xsl:when test="namespace-uri()=''">
            <xsl:value-of select="name()"/>
         </xsl:when>
         <xsl:otherwise>
            <xsl:text>*:</xsl:text>
            <xsl:value-of select="local-name()"/>
            <xsl:text>[namespace-uri()='</xsl:text>
            <xsl:value-of select="namespace-uri()"/>
            <xsl:text>']</xsl:text>
         </xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="preceding"
                    select="count(preceding-sibling::*[local-name()=local-name(current())                                   and namespace-uri() = namespace-uri(current())])"/>
      <xsl:text>[</xsl:text>
      <xsl:value-of select="1+ $preceding"/>
      <xsl:text>]</xsl:text>
   </xsl:template>
   <xsl:template match="@*" mode="schematron-get-full-path">
      <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
      <xsl:text>/</xsl:text>
      <xsl:choose>
         <xsl:when test="namespace-uri()=''">@<xsl:value-of select="name()"/>
         </xsl:when>
         <xsl:otherwise>
            <xsl:text>@*[local-name()='</xsl:text>
            <xsl:value-of select="local-name()"/>
            <xsl:text>' and namespace-uri()='</xsl:text>
            <xsl:value-of select="namespace-uri()"/>
            <xsl:text>']</xsl:text>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--MODE: SCHEMATRON-FULL-PATH-2-->
   <!--This mode can be used to generate prefixed XPath for humans-->
   <xsl:template match="node() | @*" mode="schematron-get-full-path-2">
      <xsl:for-each select="ancestor-or-self::*">
         <xsl:text>/</xsl:text>
         <xsl:value-of select="name(.)"/>
         <xsl:if test="preceding-sibling::*[name(.)=name(current())]">
            <xsl:text>[</xsl:text>
            <xsl:value-of select="count(preceding-sibling::*[name(.)=name(current())])+1"/>
            <xsl:text>]</xsl:text>
         </xsl:if>
      </xsl:for-each>
      <xsl:if test="not(self::*)">
         <xsl:text/>/@<xsl:value-of select="name(.)"/>
      </xsl:if>
   </xsl:template>
   <!--MODE: SCHEMATRON-FULL-PATH-3-->
   <!--This mode can be used to generate prefixed XPath for humans 
	(Top-level element has index)-->
   <xsl:template match="node() | @*" mode="schematron-get-full-path-3">
      <xsl:for-each select="ancestor-or-self::*">
         <xsl:text>/</xsl:text>
         <xsl:value-of select="name(.)"/>
         <xsl:if test="parent::*">
            <xsl:text>[</xsl:text>
            <xsl:value-of select="count(preceding-sibling::*[name(.)=name(current())])+1"/>
            <xsl:text>]</xsl:text>
         </xsl:if>
      </xsl:for-each>
      <xsl:if test="not(self::*)">
         <xsl:text/>/@<xsl:value-of select="name(.)"/>
      </xsl:if>
   </xsl:template>
   <!--MODE: GENERATE-ID-FROM-PATH -->
   <xsl:template match="/" mode="generate-id-from-path"/>
   <xsl:template match="text()" mode="generate-id-from-path">
      <xsl:apply-templates select="parent::*" mode="generate-id-from-path"/>
      <xsl:value-of select="concat('.text-', 1+count(preceding-sibling::text()), '-')"/>
   </xsl:template>
   <xsl:template match="comment()" mode="generate-id-from-path">
      <xsl:apply-templates select="parent::*" mode="generate-id-from-path"/>
      <xsl:value-of select="concat('.comment-', 1+count(preceding-sibling::comment()), '-')"/>
   </xsl:template>
   <xsl:template match="processing-instruction()" mode="generate-id-from-path">
      <xsl:apply-templates select="parent::*" mode="generate-id-from-path"/>
      <xsl:value-of select="concat('.processing-instruction-', 1+count(preceding-sibling::processing-instruction()), '-')"/>
   </xsl:template>
   <xsl:template match="@*" mode="generate-id-from-path">
      <xsl:apply-templates select="parent::*" mode="generate-id-from-path"/>
      <xsl:value-of select="concat('.@', name())"/>
   </xsl:template>
   <xsl:template match="*" mode="generate-id-from-path" priority="-0.5">
      <xsl:apply-templates select="parent::*" mode="generate-id-from-path"/>
      <xsl:text>.</xsl:text>
      <xsl:value-of select="concat('.',name(),'-',1+count(preceding-sibling::*[name()=name(current())]),'-')"/>
   </xsl:template>
   <!--MODE: GENERATE-ID-2 -->
   <xsl:template match="/" mode="generate-id-2">U</xsl:template>
   <xsl:template match="*" mode="generate-id-2" priority="2">
      <xsl:text>U</xsl:text>
      <xsl:number level="multiple" count="*"/>
   </xsl:template>
   <xsl:template match="node()" mode="generate-id-2">
      <xsl:text>U.</xsl:text>
      <xsl:number level="multiple" count="*"/>
      <xsl:text>n</xsl:text>
      <xsl:number count="node()"/>
   </xsl:template>
   <xsl:template match="@*" mode="generate-id-2">
      <xsl:text>U.</xsl:text>
      <xsl:number level="multiple" count="*"/>
      <xsl:text>_</xsl:text>
      <xsl:value-of select="string-length(local-name(.))"/>
      <xsl:text>_</xsl:text>
      <xsl:value-of select="translate(name(),':','.')"/>
   </xsl:template>
   <!--Strip characters-->
   <xsl:template match="text()" priority="-1"/>
   <!--SCHEMA SETUP-->
   <xsl:template match="/">
      <svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                              title="ISO Schematron rules"
                              schemaVersion="">
         <xsl:comment>
            <xsl:value-of select="$archiveDirParameter"/>   
		 <xsl:value-of select="$archiveNameParameter"/>  
		 <xsl:value-of select="$fileNameParameter"/>  
		 <xsl:value-of select="$fileDirParameter"/>
         </xsl:comment>
         <svrl:ns-prefix-in-attribute-values uri="http://www.tei-c.org/ns/1.0" prefix="tei"/>
         <svrl:ns-prefix-in-attribute-values uri="http://www.w3.org/2001/XMLSchema" prefix="xs"/>
         <svrl:ns-prefix-in-attribute-values uri="http://relaxng.org/ns/structure/1.0" prefix="rng"/>
         <svrl:ns-prefix-in-attribute-values uri="http://relaxng.org/ns/compatibility/annotations/1.0" prefix="rna"/>
         <svrl:ns-prefix-in-attribute-values uri="http://purl.oclc.org/dsdl/schematron" prefix="sch"/>
         <svrl:ns-prefix-in-attribute-values uri="http://www.ascc.net/xml/schematron" prefix="sch1x"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-when-1</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-when-1</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M7" select="//((tei:*[@when]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-from-2</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-from-2</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M8" select="//((tei:*[@from]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-to-3</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-to-3</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M9" select="//((tei:*[@to]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.global.source-source-only_1_ODD_source-4</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.global.source-source-only_1_ODD_source-4</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M10" select="//((tei:*[@source]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.typed-subtypeTyped-5</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.typed-subtypeTyped-5</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M11" select="//((tei:*[@subtype]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.pointing-targetLang-targetLang-6</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.pointing-targetLang-targetLang-6</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M12"
                              select="//((tei:*[not(self::tei:schemaSpec)][@targetLang]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.spanning-spanTo-spanTo-points-to-following-7</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.spanning-spanTo-spanTo-points-to-following-7</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M13" select="//((tei:*[@spanTo]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-att.calendarSystem-calendar-calendar_attr_on_empty_element-8</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-att.calendarSystem-calendar-calendar_attr_on_empty_element-8</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M14" select="//((tei:*[@calendar]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-p-abstractModel-structure-p-in-ab-or-p-9</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-p-abstractModel-structure-p-in-ab-or-p-9</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M15" select="//((tei:p))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-p-abstractModel-structure-p-in-l-or-lg-10</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-p-abstractModel-structure-p-in-l-or-lg-10</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M16" select="//((tei:p))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-desc-deprecationInfo-only-in-deprecated-11</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-desc-deprecationInfo-only-in-deprecated-11</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M17"
                              select="//((tei:desc[ @type eq 'deprecationInfo']))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-ptr-ptrAtts-12</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-ptr-ptrAtts-12</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M18" select="//((tei:ptr))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-ref-refAtts-13</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-ref-refAtts-13</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M19" select="//((tei:ref))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-list-gloss-list-must-have-labels-14</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-list-gloss-list-must-have-labels-14</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M20" select="//((tei:list[@type='gloss']))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-relatedItem-targetorcontent1-15</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-relatedItem-targetorcontent1-15</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M21" select="//((tei:relatedItem))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-div-abstractModel-structure-div-in-l-or-lg-19</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-div-abstractModel-structure-div-in-l-or-lg-19</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M22" select="//((tei:div))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-div-abstractModel-structure-div-in-ab-or-p-20</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-div-abstractModel-structure-div-in-ab-or-p-20</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M23" select="//((tei:div))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-quotation-quotationContents-21</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-quotation-quotationContents-21</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M24" select="//((tei:quotation))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-ab-abstractModel-structure-ab-in-l-or-lg-22</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-ab-abstractModel-structure-ab-in-l-or-lg-22</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M25" select="//((tei:ab))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-standOff-nested_standOff_should_be_typed-23</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-standOff-nested_standOff_should_be_typed-23</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M26" select="//((tei:standOff))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-pointers-24</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-pointers-24</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M27"
                              select="//((@ref | @who | @target[not(parent::tei:ptr or parent::tei:licence or parent::tei:relatedItem)] | @resp | @corresp | @scheme | @source)|(@datingMethod | @calendar))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-notes-25</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-notes-25</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M28"
                              select="//((tei:note[@n][not(@subtype = 'duplicate')])|(tei:ref[@type = 'noteref']))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-corrections-26</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-corrections-26</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M29"
                              select="//((tei:corr)|(tei:reg)|(tei:choice))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-interventions-27</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-interventions-27</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M30"
                              select="//((tei:add)|(tei:supplied)|(tei:gap[@reason = ('omitted', 'illegible', 'missing')])|(tei:figure)|(tei:sp[tokenize(@resp) = 'ed:editors'])|(tei:cit[@type = 'block'])|(tei:ref[@type = 'noteref'][@subtype = 'unmatched'][@target]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-dates-28</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-dates-28</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M31"
                              select="//((@when | @notBefore | @notAfter | @from[not(parent::tei:citedRange)] | @to[not(parent::tei:citedRange)] | @when-custom)|(tei:*[@when-custom]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-julian-months-29</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-julian-months-29</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M32"
                              select="//((tei:*[@datingMethod = 'ed:julian'][string-length(@when-custom) = 7]))[not(self::text())]"/>
         <svrl:active-pattern>
            <xsl:attribute name="document">
               <xsl:value-of select="document-uri(/)"/>
            </xsl:attribute>
            <xsl:attribute name="id">schematron-constraint-bukharin-blocks-30</xsl:attribute>
            <xsl:attribute name="name">schematron-constraint-bukharin-blocks-30</xsl:attribute>
            <xsl:apply-templates/>
         </svrl:active-pattern>
         <xsl:apply-templates mode="M33"
                              select="//((tei:speaker)|(tei:sp[@who])|(tei:text[.//tei:div]//(tei:p | tei:head | tei:item | tei:list | tei:div | tei:sp | tei:quote[@type = 'block'] | tei:cit | tei:note[@n])))[not(self::text())]"/>
      </svrl:schematron-output>
   </xsl:template>
   <!--SCHEMATRON PATTERNS-->
   <svrl:text xmlns:svrl="http://purl.oclc.org/dsdl/svrl">ISO Schematron rules</svrl:text>
   <!--PATTERN schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-when-1-->
   <!--RULE -->
   <xsl:template match="tei:*[@when]" priority="1000" mode="M7">

		<!--REPORT -->
      <xsl:if test="@notBefore|@notAfter|@from|@to">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="@notBefore|@notAfter|@from|@to">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>The @when attribute cannot be used with any other att.datable.w3c attributes.</svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-from-2-->
   <!--RULE -->
   <xsl:template match="tei:*[@from]" priority="1000" mode="M8">

		<!--REPORT -->
      <xsl:if test="@notBefore">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@notBefore">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>The @from and @notBefore attributes cannot be used together.</svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.datable.w3c-att-datable-w3c-to-3-->
   <!--RULE -->
   <xsl:template match="tei:*[@to]" priority="1000" mode="M9">

		<!--REPORT -->
      <xsl:if test="@notAfter">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@notAfter">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>The @to and @notAfter attributes cannot be used together.</svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.global.source-source-only_1_ODD_source-4-->
   <!--RULE -->
   <xsl:template match="tei:*[@source]" priority="1000" mode="M10">
      <xsl:variable name="srcs" select="tokenize( normalize-space(@source),' ')"/>
      <!--REPORT -->
      <xsl:if test="( self::tei:classRef               | self::tei:dataRef               | self::tei:elementRef               | self::tei:macroRef               | self::tei:moduleRef               | self::tei:schemaSpec )               and               $srcs[2]">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="( self::tei:classRef | self::tei:dataRef | self::tei:elementRef | self::tei:macroRef | self::tei:moduleRef | self::tei:schemaSpec ) and $srcs[2]">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
              When used on a schema description element (like
              <xsl:text/>
               <xsl:value-of select="name(.)"/>
               <xsl:text/>), the @source attribute
              should have only 1 value. (This one has <xsl:text/>
               <xsl:value-of select="count($srcs)"/>
               <xsl:text/>.)
            </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.typed-subtypeTyped-5-->
   <!--RULE -->
   <xsl:template match="tei:*[@subtype]" priority="1000" mode="M11">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@type"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@type">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/> element should not be categorized in detail with @subtype unless also categorized in general with @type</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.pointing-targetLang-targetLang-6-->
   <!--RULE -->
   <xsl:template match="tei:*[not(self::tei:schemaSpec)][@targetLang]"
                 priority="1000"
                 mode="M12">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@target"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@target">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>@targetLang should only be used on <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/> if @target is specified.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.spanning-spanTo-spanTo-points-to-following-7-->
   <!--RULE -->
   <xsl:template match="tei:*[@spanTo]" priority="1000" mode="M13">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="id(substring(@spanTo,2)) and following::*[@xml:id=substring(current()/@spanTo,2)]"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="id(substring(@spanTo,2)) and following::*[@xml:id=substring(current()/@spanTo,2)]">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
The element indicated by @spanTo (<xsl:text/>
                  <xsl:value-of select="@spanTo"/>
                  <xsl:text/>) must follow the current element <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
               </svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-att.calendarSystem-calendar-calendar_attr_on_empty_element-8-->
   <!--RULE -->
   <xsl:template match="tei:*[@calendar]" priority="1000" mode="M14">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="string-length( normalize-space(.) ) gt 0"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="string-length( normalize-space(.) ) gt 0">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text> @calendar indicates one or more
              systems or calendars to which the date represented by the content of this element belongs,
              but this <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/> element has no textual content.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-p-abstractModel-structure-p-in-ab-or-p-9-->
   <!--RULE -->
   <xsl:template match="tei:p" priority="1000" mode="M15">

		<!--REPORT -->
      <xsl:if test="(ancestor::tei:ab or ancestor::tei:p) and                        not( ancestor::tei:floatingText                           | parent::tei:exemplum                           | parent::tei:item                           | parent::tei:note                           | parent::tei:q                           | parent::tei:quote                           | parent::tei:remarks                           | parent::tei:said                           | parent::tei:sp                           | parent::tei:stage                           | parent::tei:cell                           | parent::tei:figure )">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="(ancestor::tei:ab or ancestor::tei:p) and not( ancestor::tei:floatingText | parent::tei:exemplum | parent::tei:item | parent::tei:note | parent::tei:q | parent::tei:quote | parent::tei:remarks | parent::tei:said | parent::tei:sp | parent::tei:stage | parent::tei:cell | parent::tei:figure )">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          Abstract model violation: Paragraphs may not occur inside other paragraphs or ab elements.
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-p-abstractModel-structure-p-in-l-or-lg-10-->
   <!--RULE -->
   <xsl:template match="tei:p" priority="1000" mode="M16">

		<!--REPORT -->
      <xsl:if test="( ancestor::tei:l  or  ancestor::tei:lg ) and                        not( ancestor::tei:floatingText                           | parent::tei:figure                           | parent::tei:note )">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="( ancestor::tei:l or ancestor::tei:lg ) and not( ancestor::tei:floatingText | parent::tei:figure | parent::tei:note )">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          Abstract model violation: Lines may not contain higher-level structural elements such as div, p, or ab, unless p is a child of figure or note, or is a descendant of floatingText.
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-desc-deprecationInfo-only-in-deprecated-11-->
   <!--RULE -->
   <xsl:template match="tei:desc[ @type eq 'deprecationInfo']"
                 priority="1000"
                 mode="M17">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="../@validUntil"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="../@validUntil">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>Information about a
        deprecation should only be present in a specification element
        that is being deprecated: that is, only an element that has a
        @validUntil attribute should have a child &lt;desc
        type="deprecationInfo"&gt;.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-ptr-ptrAtts-12-->
   <!--RULE -->
   <xsl:template match="tei:ptr" priority="1000" mode="M18">

		<!--REPORT -->
      <xsl:if test="@target and @cRef">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@target and @cRef">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>Only one of the attributes @target and @cRef may be supplied on <xsl:text/>
               <xsl:value-of select="name(.)"/>
               <xsl:text/>.</svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-ref-refAtts-13-->
   <!--RULE -->
   <xsl:template match="tei:ref" priority="1000" mode="M19">

		<!--REPORT -->
      <xsl:if test="@target and @cRef">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@target and @cRef">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>Only one of the attributes @target' and @cRef' may be supplied on <xsl:text/>
               <xsl:value-of select="name(.)"/>
               <xsl:text/>
            </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-list-gloss-list-must-have-labels-14-->
   <!--RULE -->
   <xsl:template match="tei:list[@type='gloss']" priority="1000" mode="M20">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="tei:label"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="tei:label">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The content of a "gloss" list should include a sequence of one or more pairs of a label element followed by an item element</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-relatedItem-targetorcontent1-15-->
   <!--RULE -->
   <xsl:template match="tei:relatedItem" priority="1000" mode="M21">

		<!--REPORT -->
      <xsl:if test="@target and count( child::* ) &gt; 0">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="@target and count( child::* ) &gt; 0">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>If the @target attribute on <xsl:text/>
               <xsl:value-of select="name(.)"/>
               <xsl:text/> is used, the relatedItem element must be empty</svrl:text>
         </svrl:successful-report>
      </xsl:if>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@target or child::*"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@target or child::*">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>A relatedItem element should have either a @target attribute or a child element to indicate the related bibliographic item</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-div-abstractModel-structure-div-in-l-or-lg-19-->
   <!--RULE -->
   <xsl:template match="tei:div" priority="1000" mode="M22">

		<!--REPORT -->
      <xsl:if test="(ancestor::tei:l or ancestor::tei:lg) and not(ancestor::tei:floatingText)">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="(ancestor::tei:l or ancestor::tei:lg) and not(ancestor::tei:floatingText)">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          Abstract model violation: Lines may not contain higher-level structural elements such as div, unless div is a descendant of floatingText.
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-div-abstractModel-structure-div-in-ab-or-p-20-->
   <!--RULE -->
   <xsl:template match="tei:div" priority="1000" mode="M23">

		<!--REPORT -->
      <xsl:if test="(ancestor::tei:p or ancestor::tei:ab) and not(ancestor::tei:floatingText)">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="(ancestor::tei:p or ancestor::tei:ab) and not(ancestor::tei:floatingText)">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          Abstract model violation: p and ab may not contain higher-level structural elements such as div, unless div is a descendant of floatingText.
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-quotation-quotationContents-21-->
   <!--RULE -->
   <xsl:template match="tei:quotation" priority="1000" mode="M24">

		<!--REPORT -->
      <xsl:if test="not( @marks )  and  not( tei:p )">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="not( @marks ) and not( tei:p )">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          On <xsl:text/>
               <xsl:value-of select="name(.)"/>
               <xsl:text/>, either the @marks attribute should be used, or a paragraph of description provided
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-ab-abstractModel-structure-ab-in-l-or-lg-22-->
   <!--RULE -->
   <xsl:template match="tei:ab" priority="1000" mode="M25">

		<!--REPORT -->
      <xsl:if test="(ancestor::tei:l or ancestor::tei:lg) and not( ancestor::tei:floatingText |parent::tei:figure |parent::tei:note )">
         <svrl:successful-report xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                 test="(ancestor::tei:l or ancestor::tei:lg) and not( ancestor::tei:floatingText |parent::tei:figure |parent::tei:note )">
            <xsl:attribute name="location">
               <xsl:apply-templates select="." mode="schematron-select-full-path"/>
            </xsl:attribute>
            <svrl:text>
          Abstract model violation: Lines may not contain higher-level divisions such as p or ab, unless ab is a child of figure or note, or is a descendant of floatingText.
        </svrl:text>
         </svrl:successful-report>
      </xsl:if>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-standOff-nested_standOff_should_be_typed-23-->
   <!--RULE -->
   <xsl:template match="tei:standOff" priority="1000" mode="M26">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@type or not(ancestor::tei:standOff)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="@type or not(ancestor::tei:standOff)">
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>This
        <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/> element must have a @type attribute, since it is
        nested inside a <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
               </svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-pointers-24-->
   <!--RULE pointer-->
   <xsl:template match="@ref | @who | @target[not(parent::tei:ptr or parent::tei:licence or parent::tei:relatedItem)] | @resp | @corresp | @scheme | @source"
                 priority="1001"
                 mode="M27">
      <xsl:variable name="tokens"
                    select="tokenize(normalize-space(.), ' ')[not(matches(., '^https?:'))]"/>
      <xsl:variable name="edition"
                    select="for $u in resolve-uri('edition.xml', base-uri(/)) return (if (doc-available($u)) then doc($u) else ())"/>
      <xsl:variable name="persons"
                    select="for $u in resolve-uri('persons.xml', base-uri(/)) return (if (doc-available($u)) then doc($u) else ())"/>
      <xsl:variable name="root" select="/"/>
      <xsl:variable name="local"
                    select="for $t in $tokens[starts-with(., '#')] return $t[not(id(substring($t, 2), $root))]"/>
      <xsl:variable name="declared"
                    select="for $t in $tokens[starts-with(., 'ed:')] return $t[not($edition/tei:TEI and id(substring-after($t, 'ed:'), $edition))]"/>
      <xsl:variable name="person"
                    select="if ($persons/tei:TEI) then (for $t in $tokens[starts-with(., 'per:')] return $t[not(id(substring-after($t, 'per:'), $persons)/self::tei:person)]) else ()"/>
      <xsl:variable name="sibling"
                    select="for $t in $tokens[contains(., '.xml#')] return $t[not(for $u in resolve-uri(substring-before($t, '#'), base-uri($root)) return (doc-available($u) and doc($u)/tei:TEI and exists(id(substring-after($t, '#'), doc($u)))))]"/>
      <xsl:variable name="list" select="count(tokenize(normalize-space(.), ' ')) gt 1"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="empty($local)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="empty($local)">
               <xsl:attribute name="id">pointer-local</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
                  <xsl:text/>
                  <xsl:value-of select="if ($list) then ': the pointer ' else '='"/>
                  <xsl:text/>"<xsl:text/>
                  <xsl:value-of select="$local[1]"/>
                  <xsl:text/>" points at nothing in this file: no element has xml:id="<xsl:text/>
                  <xsl:value-of select="substring($local[1], 2)"/>
                  <xsl:text/>". Correct the pointer or give the element it means that xml:id.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="empty($declared)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="empty($declared)">
               <xsl:attribute name="id">pointer-edition</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
                  <xsl:text/>
                  <xsl:value-of select="if ($list) then ': the pointer ' else '='"/>
                  <xsl:text/>"<xsl:text/>
                  <xsl:value-of select="$declared[1]"/>
                  <xsl:text/>" is declared nowhere in edition.xml (no xml:id="<xsl:text/>
                  <xsl:value-of select="substring-after($declared[1], 'ed:')"/>
                  <xsl:text/>" there). Use a declared name (responsibilities: ed:author, ed:translator, ed:mia, ed:website, ed:editors, ed:unknown) or declare it in edition.xml.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="empty($person)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="empty($person)">
               <xsl:attribute name="id">pointer-person</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
                  <xsl:text/>
                  <xsl:value-of select="if ($list) then ': the pointer ' else '='"/>
                  <xsl:text/>"<xsl:text/>
                  <xsl:value-of select="$person[1]"/>
                  <xsl:text/>" names no person of the register: persons.xml has no person with xml:id="<xsl:text/>
                  <xsl:value-of select="substring-after($person[1], 'per:')"/>
                  <xsl:text/>". Correct the pointer or add the person to persons.xml.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT warning-->
      <xsl:choose>
         <xsl:when test="not($tokens[starts-with(., 'per:')]) or $persons/tei:TEI"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not($tokens[starts-with(., 'per:')]) or $persons/tei:TEI">
               <xsl:attribute name="id">pointer-person-unchecked</xsl:attribute>
               <xsl:attribute name="role">warning</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>="<xsl:text/>
                  <xsl:value-of select="$tokens[starts-with(., 'per:')][1]"/>
                  <xsl:text/>" cannot be checked: there is no persons.xml beside this file.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="empty($sibling)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="empty($sibling)">
               <xsl:attribute name="id">pointer-sibling</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>
                  <xsl:text/>
                  <xsl:value-of select="if ($list) then ': the pointer ' else '='"/>
                  <xsl:text/>"<xsl:text/>
                  <xsl:value-of select="$sibling[1]"/>
                  <xsl:text/>" points at nothing: <xsl:text/>
                  <xsl:value-of select="substring-before($sibling[1], '#')"/>
                  <xsl:text/> beside this file does not exist or has no xml:id="<xsl:text/>
                  <xsl:value-of select="substring-after($sibling[1], '#')"/>
                  <xsl:text/>".</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE calendar-->
   <xsl:template match="@datingMethod | @calendar" priority="1000" mode="M27">
      <xsl:variable name="edition"
                    select="for $u in resolve-uri('edition.xml', base-uri(/)) return (if (doc-available($u)) then doc($u) else ())"/>
      <!--ASSERT warning-->
      <xsl:choose>
         <xsl:when test="$edition/tei:TEI//tei:calendar[@xml:id = substring-after(current(), 'ed:')]"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="$edition/tei:TEI//tei:calendar[@xml:id = substring-after(current(), 'ed:')]">
               <xsl:attribute name="id">calendar-declared</xsl:attribute>
               <xsl:attribute name="role">warning</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>="<xsl:text/>
                  <xsl:value-of select="."/>
                  <xsl:text/>" is not declared in edition.xml (a calendar with xml:id="<xsl:text/>
                  <xsl:value-of select="substring-after(., 'ed:')"/>
                  <xsl:text/>" in profileDesc/calendarDesc).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-notes-25-->
   <!--RULE note-number-->
   <xsl:template match="tei:note[@n][not(@subtype = 'duplicate')]"
                 priority="1001"
                 mode="M28">
      <xsl:variable name="previous"
                    select="preceding::tei:note[@n][not(@subtype = 'duplicate')][1]"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not(preceding::tei:note[@n = current()/@n][not(@subtype = 'duplicate')])"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not(preceding::tei:note[@n = current()/@n][not(@subtype = 'duplicate')])">
               <xsl:attribute name="id">note-number-unique</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>Note number <xsl:text/>
                  <xsl:value-of select="@n"/>
                  <xsl:text/> is used twice in this file: each note of the notes section needs its own number.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not($previous) or $previous/@n = @n or not(number(@n) = number(@n)) or not(number($previous/@n) = number($previous/@n)) or number(@n) &gt; number($previous/@n)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not($previous) or $previous/@n = @n or not(number(@n) = number(@n)) or not(number($previous/@n) = number($previous/@n)) or number(@n) &gt; number($previous/@n)">
               <xsl:attribute name="id">note-number-order</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>Note <xsl:text/>
                  <xsl:value-of select="@n"/>
                  <xsl:text/> comes after note <xsl:text/>
                  <xsl:value-of select="$previous/@n"/>
                  <xsl:text/>: notes must be in the order of their numbers.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE noteref-->
   <xsl:template match="tei:ref[@type = 'noteref']" priority="1000" mode="M28">
      <xsl:variable name="note"
                    select="//tei:note[@xml:id = substring(current()/@target, 2)]"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@subtype = 'unmatched' or (starts-with(@target, '#') and $note)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="@subtype = 'unmatched' or (starts-with(@target, '#') and $note)">
               <xsl:attribute name="id">noteref-target</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The note marker <xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/> points at no note of this file (target="<xsl:text/>
                  <xsl:value-of select="@target"/>
                  <xsl:text/>"). Point it at the note (#id of a note), or mark it subtype="unmatched" if the source has no such note.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not($note) or not($note/@n) or $note/@n = @n"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not($note) or not($note/@n) or $note/@n = @n">
               <xsl:attribute name="id">noteref-number</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The note marker n="<xsl:text/>
                  <xsl:value-of select="@n"/>
                  <xsl:text/>" points at note number <xsl:text/>
                  <xsl:value-of select="$note/@n"/>
                  <xsl:text/>: the marker and its note must carry the same number.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-corrections-26-->
   <!--RULE correction-->
   <xsl:template match="tei:corr" priority="1002" mode="M29">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="parent::tei:choice/tei:sic"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="parent::tei:choice/tei:sic">
               <xsl:attribute name="id">corr-has-sic</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The correction "<xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/>" stands without the text it corrects: put the received text in sic beside it, &lt;choice&gt;&lt;sic&gt;…&lt;/sic&gt;&lt;corr&gt;…&lt;/corr&gt;&lt;/choice&gt;.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE regularization-->
   <xsl:template match="tei:reg" priority="1001" mode="M29">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="parent::tei:choice/tei:orig"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="parent::tei:choice/tei:orig">
               <xsl:attribute name="id">reg-has-orig</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The regularization "<xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/>" stands without the text it regularizes: put the received text in orig beside it, &lt;choice&gt;&lt;orig&gt;…&lt;/orig&gt;&lt;reg&gt;…&lt;/reg&gt;&lt;/choice&gt;.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE choice-->
   <xsl:template match="tei:choice" priority="1000" mode="M29">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="count(*) = 2 and ((tei:sic and tei:corr) or (tei:orig and tei:reg))"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="count(*) = 2 and ((tei:sic and tei:corr) or (tei:orig and tei:reg))">
               <xsl:attribute name="id">choice-pair</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>A choice must hold the received text and the editors' version of it: sic with corr, or orig with reg.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-interventions-27-->
   <!--RULE insertion-->
   <xsl:template match="tei:add" priority="1006" mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not(tokenize(@resp) = 'ed:editors')"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not(tokenize(@resp) = 'ed:editors')">
               <xsl:attribute name="id">add-of-the-source</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>add holds the source's own insertion "<xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/>", printed in its brackets, but resp="ed:editors" says the editors added it: what the editors add is supplied (resp ed:editors); give add the source's hand (ed:author, ed:translator, ed:mia, ed:website or ed:unknown).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE supplied-->
   <xsl:template match="tei:supplied" priority="1005" mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="tokenize(@resp) = 'ed:editors'"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="tokenize(@resp) = 'ed:editors'">
               <xsl:attribute name="id">supplied-of-the-editors</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>supplied "<xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/>" is text this edition's editors supply and needs resp="ed:editors"; an insertion the source prints in its own brackets is add with the source's hand.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE omission-->
   <xsl:template match="tei:gap[@reason = ('omitted', 'illegible', 'missing')]"
                 priority="1004"
                 mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="parent::tei:reg/parent::tei:choice/tei:orig[normalize-space()]"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="parent::tei:reg/parent::tei:choice/tei:orig[normalize-space()]">
               <xsl:attribute name="id">gap-omitted-keeps-mark</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>An omission the source marks keeps the mark it printed: put the gap in reg beside the printed mark in orig, &lt;choice&gt;&lt;orig&gt;…&lt;/orig&gt;&lt;reg resp="ed:editors"&gt;&lt;gap reason="omitted" resp="…"/&gt;&lt;/reg&gt;&lt;/choice&gt;.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@resp"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@resp">
               <xsl:attribute name="id">gap-omitted-hand</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The gap needs resp: the hand that marked it in the source (ed:author, ed:translator, ed:mia, ed:website or ed:unknown).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE lost-figure-->
   <xsl:template match="tei:figure" priority="1003" mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="tokenize(@resp) = 'ed:editors' and tei:figDesc[normalize-space()] and tei:gap[@reason = 'lost']"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="tokenize(@resp) = 'ed:editors' and tei:figDesc[normalize-space()] and tei:gap[@reason = 'lost']">
               <xsl:attribute name="id">figure-lost-described</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>A figure the received text lost is the editors' record (resp="ed:editors") and says what the text tells of it (figDesc) and that it is lost (gap reason="lost").</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE attribution-->
   <xsl:template match="tei:sp[tokenize(@resp) = 'ed:editors']"
                 priority="1002"
                 mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@cert and tei:certainty[@match = '@who'][@cert = current()/@cert][tokenize(@resp) = 'ed:editors']"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="@cert and tei:certainty[@match = '@who'][@cert = current()/@cert][tokenize(@resp) = 'ed:editors']">
               <xsl:attribute name="id">attribution-certainty</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The editors attribute this turn (resp="ed:editors"): say how sure they are, with cert on the sp and a certainty on its who of the same degree (&lt;certainty cert="…" locus="value" match="@who" resp="ed:editors"/&gt;).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE cited-quotation-->
   <xsl:template match="tei:cit[@type = 'block']" priority="1001" mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not(.//tei:p) and tei:quote[not(@type)] and (tei:bibl[@type = 'citation'] or tei:ref[@type = 'noteref'])"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not(.//tei:p) and tei:quote[not(@type)] and (tei:bibl[@type = 'citation'] or tei:ref[@type = 'noteref'])">
               <xsl:attribute name="id">cit-block-one-line</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>A cit of type block is one paragraph of the source: its quote and, after it, the citation (bibl type="citation") or note marker the source prints; a quotation of several paragraphs is a quote type="block" with its paragraphs.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE placeholder-->
   <xsl:template match="tei:ref[@type = 'noteref'][@subtype = 'unmatched'][@target]"
                 priority="1000"
                 mode="M30">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="id(substring(@target, 2))/self::tei:note[@type = 'missing']"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="id(substring(@target, 2))/self::tei:note[@type = 'missing']">
               <xsl:attribute name="id">noteref-placeholder</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The note marker <xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/> is typed unmatched (the source lacks its note), so it points at the editors' placeholder, a note type="missing"; target="<xsl:text/>
                  <xsl:value-of select="@target"/>
                  <xsl:text/>" is not one.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-dates-28-->
   <!--RULE date-value-->
   <xsl:template match="@when | @notBefore | @notAfter | @from[not(parent::tei:citedRange)] | @to[not(parent::tei:citedRange)] | @when-custom"
                 priority="1001"
                 mode="M31">
      <xsl:variable name="y" select="number(substring(., 1, 4))"/>
      <xsl:variable name="m" select="number(substring(., 6, 2))"/>
      <xsl:variable name="d" select="number(substring(., 9, 2))"/>
      <xsl:variable name="julian"
                    select="name() = 'when-custom' and ../@datingMethod = 'ed:julian'"/>
      <xsl:variable name="leap"
                    select="($y mod 4 = 0 and ($julian or $y mod 100 != 0)) or $y mod 400 = 0"/>
      <xsl:variable name="days"
                    select="if ($m ge 1 and $m le 12) then number(substring('312831303130313130313031', 2 * $m - 1, 2)) + number($m = 2 and $leap) else 0"/>
      <xsl:variable name="gm" select="number(substring(., 3, 2))"/>
      <xsl:variable name="gd" select="number(substring(., 6, 2))"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="(matches(., '^--\d\d$') and $gm ge 1 and $gm le 12) or (matches(., '^--\d\d-\d\d$') and $gm ge 1 and $gm le 12 and $gd ge 1 and $gd le number(substring('312931303130313130313031', 2 * $gm - 1, 2))) or matches(., '^\d{4}$') or (matches(., '^\d{4}-\d\d$') and $m ge 1 and $m le 12) or (matches(., '^\d{4}-\d\d-\d\d$') and $m ge 1 and $m le 12 and $d ge 1 and $d le $days)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="(matches(., '^--\d\d$') and $gm ge 1 and $gm le 12) or (matches(., '^--\d\d-\d\d$') and $gm ge 1 and $gm le 12 and $gd ge 1 and $gd le number(substring('312931303130313130313031', 2 * $gm - 1, 2))) or matches(., '^\d{4}$') or (matches(., '^\d{4}-\d\d$') and $m ge 1 and $m le 12) or (matches(., '^\d{4}-\d\d-\d\d$') and $m ge 1 and $m le 12 and $d ge 1 and $d le $days)">
               <xsl:attribute name="id">date-real</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>
                  <xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>="<xsl:text/>
                  <xsl:value-of select="."/>
                  <xsl:text/>" is not a real date: write it YYYY, YYYY-MM or YYYY-MM-DD (or --MM, --MM-DD where the source gives no year), with a month 01–12 and a day that exists<xsl:text/>
                  <xsl:value-of select="if (string-length(.) = 10 and $m ge 1 and $m le 12) then concat(' (month ', substring(., 6, 2), ' of ', $y, ' has ', $days, ' days)') else ''"/>
                  <xsl:text/>.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE calendars-->
   <xsl:template match="tei:*[@when-custom]" priority="1000" mode="M31">
      <xsl:variable name="c" select="string(@when-custom)"/>
      <xsl:variable name="w" select="string(@when)"/>
      <xsl:variable name="wa" select="floor((14 - number(substring($w, 6, 2))) div 12)"/>
      <xsl:variable name="wy" select="number(substring($w, 1, 4)) + 4800 - $wa"/>
      <xsl:variable name="wm" select="number(substring($w, 6, 2)) + 12 * $wa - 3"/>
      <xsl:variable name="jdn-when"
                    select="number(substring($w, 9, 2)) + floor((153 * $wm + 2) div 5) + 365 * $wy + floor($wy div 4) - floor($wy div 100) + floor($wy div 400) - 32045"/>
      <xsl:variable name="ca" select="floor((14 - number(substring($c, 6, 2))) div 12)"/>
      <xsl:variable name="cy" select="number(substring($c, 1, 4)) + 4800 - $ca"/>
      <xsl:variable name="cm" select="number(substring($c, 6, 2)) + 12 * $ca - 3"/>
      <xsl:variable name="jdn-julian"
                    select="number(substring($c, 9, 2)) + floor((153 * $cm + 2) div 5) + 365 * $cy + floor($cy div 4) - 32083"/>
      <xsl:variable name="jdn-gregorian"
                    select="number(substring($c, 9, 2)) + floor((153 * $cm + 2) div 5) + 365 * $cy + floor($cy div 4) - floor($cy div 100) + floor($cy div 400) - 32045"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@datingMethod and (@when or @from or @notBefore)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="@datingMethod and (@when or @from or @notBefore)">
               <xsl:attribute name="id">calendar-named</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>when-custom="<xsl:text/>
                  <xsl:value-of select="$c"/>
                  <xsl:text/>" needs datingMethod (the calendar it is in, e.g. ed:julian) and when (the same day in the Gregorian calendar).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not(@datingMethod and @when) or string-length($c) != 10 or string-length($w) != 10 or (@datingMethod = 'ed:julian' and $jdn-when = $jdn-julian) or (@datingMethod = 'ed:gregorian' and $w = $c)"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not(@datingMethod and @when) or string-length($c) != 10 or string-length($w) != 10 or (@datingMethod = 'ed:julian' and $jdn-when = $jdn-julian) or (@datingMethod = 'ed:gregorian' and $w = $c)">
               <xsl:attribute name="id">calendar-agrees</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>when="<xsl:text/>
                  <xsl:value-of select="$w"/>
                  <xsl:text/>" does not agree with when-custom="<xsl:text/>
                  <xsl:value-of select="$c"/>
                  <xsl:text/>" (<xsl:text/>
                  <xsl:value-of select="substring-after(@datingMethod, 'ed:')"/>
                  <xsl:text/>)<xsl:text/>
                  <xsl:value-of select="if (@datingMethod = 'ed:julian') then concat(': the Julian calendar is then ', $jdn-julian - $jdn-gregorian, ' days behind the Gregorian, but when is ', $jdn-when - $jdn-gregorian, ' days after when-custom') else ''"/>
                  <xsl:text/>. Correct one of the two dates.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-julian-months-29-->
   <!--RULE julian-months-->
   <xsl:template match="tei:*[@datingMethod = 'ed:julian'][string-length(@when-custom) = 7]"
                 priority="1000"
                 mode="M32">
      <xsl:variable name="y" select="number(substring(@when-custom, 1, 4))"/>
      <xsl:variable name="m" select="number(substring(@when-custom, 6, 2))"/>
      <xsl:variable name="last"
                    select="if ($m = 2) then (if ($y mod 4 = 0) then 29 else 28) else number(substring('312831303130313130313031', 2 * $m - 1, 2))"/>
      <xsl:variable name="a" select="floor((14 - $m) div 12)"/>
      <xsl:variable name="jy" select="$y + 4800 - $a"/>
      <xsl:variable name="jm" select="$m + 12 * $a - 3"/>
      <xsl:variable name="jdn-first"
                    select="1 + floor((153 * $jm + 2) div 5) + 365 * $jy + floor($jy div 4) - 32083"/>
      <xsl:variable name="f" select="string(@from)"/>
      <xsl:variable name="t" select="string(@to)"/>
      <xsl:variable name="fa" select="floor((14 - number(substring($f, 6, 2))) div 12)"/>
      <xsl:variable name="fy" select="number(substring($f, 1, 4)) + 4800 - $fa"/>
      <xsl:variable name="fm" select="number(substring($f, 6, 2)) + 12 * $fa - 3"/>
      <xsl:variable name="jdn-from"
                    select="number(substring($f, 9, 2)) + floor((153 * $fm + 2) div 5) + 365 * $fy + floor($fy div 4) - floor($fy div 100) + floor($fy div 400) - 32045"/>
      <xsl:variable name="ta" select="floor((14 - number(substring($t, 6, 2))) div 12)"/>
      <xsl:variable name="ty" select="number(substring($t, 1, 4)) + 4800 - $ta"/>
      <xsl:variable name="tm" select="number(substring($t, 6, 2)) + 12 * $ta - 3"/>
      <xsl:variable name="jdn-to"
                    select="number(substring($t, 9, 2)) + floor((153 * $tm + 2) div 5) + 365 * $ty + floor($ty div 4) - floor($ty div 100) + floor($ty div 400) - 32045"/>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="string-length($f) = 10 and string-length($t) = 10 and $jdn-from = $jdn-first and $jdn-to = $jdn-first + $last - 1"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="string-length($f) = 10 and string-length($t) = 10 and $jdn-from = $jdn-first and $jdn-to = $jdn-first + $last - 1">
               <xsl:attribute name="id">julian-month-agrees</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>when-custom="<xsl:text/>
                  <xsl:value-of select="@when-custom"/>
                  <xsl:text/>" (a month of the Julian calendar) runs from the Gregorian day <xsl:text/>
                  <xsl:value-of select="$jdn-first"/>
                  <xsl:text/> to <xsl:text/>
                  <xsl:value-of select="$jdn-first + $last - 1"/>
                  <xsl:text/> (Julian Day Numbers), but from="<xsl:text/>
                  <xsl:value-of select="$f"/>
                  <xsl:text/>" to="<xsl:text/>
                  <xsl:value-of select="$t"/>
                  <xsl:text/>" is another span: give from and to as the Gregorian days of its first and last day.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--PATTERN schematron-constraint-bukharin-blocks-30-->
   <!--RULE speaker-->
   <xsl:template match="tei:speaker" priority="1002" mode="M33">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="parent::tei:sp[@who]"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="parent::tei:sp[@who]">
               <xsl:attribute name="id">speaker-in-sp</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The speaker label "<xsl:text/>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text/>" is not in a turn that says who speaks: it must sit in an sp whose who points at a participant (who="#id" of a person in particDesc).</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE turn-->
   <xsl:template match="tei:sp[@who]" priority="1001" mode="M33">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="every $w in tokenize(normalize-space(@who), ' ') satisfies (not(starts-with($w, '#')) or //tei:particDesc//tei:person[@xml:id = substring($w, 2)])"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="every $w in tokenize(normalize-space(@who), ' ') satisfies (not(starts-with($w, '#')) or //tei:particDesc//tei:person[@xml:id = substring($w, 2)])">
               <xsl:attribute name="id">sp-who-participant</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>The turn's who="<xsl:text/>
                  <xsl:value-of select="@who"/>
                  <xsl:text/>" does not point at a participant: who must name a person declared in particDesc (who="#id").</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
   <!--RULE block-->
   <xsl:template match="tei:text[.//tei:div]//(tei:p | tei:head | tei:item | tei:list | tei:div | tei:sp | tei:quote[@type = 'block'] | tei:cit | tei:note[@n])"
                 priority="1000"
                 mode="M33">

		<!--ASSERT -->
      <xsl:choose>
         <xsl:when test="@xml:id"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl" test="@xml:id">
               <xsl:attribute name="id">block-id</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>This &lt;<xsl:text/>
                  <xsl:value-of select="name(.)"/>
                  <xsl:text/>&gt; has no xml:id: every block of the text needs one ("&lt;source-id&gt;-&lt;kind&gt;&lt;n&gt;", e.g. trial-1938-p12), unique in its file.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
      <!--ASSERT -->
      <xsl:choose>
         <xsl:when test="not(self::tei:p) or normalize-space(.) != ''"/>
         <xsl:otherwise>
            <svrl:failed-assert xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                                test="not(self::tei:p) or normalize-space(.) != ''">
               <xsl:attribute name="id">p-not-empty</xsl:attribute>
               <xsl:attribute name="location">
                  <xsl:apply-templates select="." mode="schematron-select-full-path"/>
               </xsl:attribute>
               <svrl:text>This paragraph<xsl:text/>
                  <xsl:value-of select="if (@xml:id) then concat(' (', @xml:id, ')') else ''"/>
                  <xsl:text/> is empty: remove it or give it its text.</svrl:text>
            </svrl:failed-assert>
         </xsl:otherwise>
      </xsl:choose>
   </xsl:template>
</xsl:stylesheet>
