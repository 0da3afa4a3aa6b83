<?xml version="1.0" encoding="UTF-8"?>
<!-- The encoding manual, encoding-manual.html: every element, attribute and value that the
     edition's TEI customization allows, with its meaning and an example from the edition's TEI
     files, then the rules. Its input is the facts document that bukharin_edition.manual reads
     from the ODD, the grammar it compiles to and the Schematron (manual_facts). Its styles are
     the shared CSS's (.ed-manual). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:bukharin-edition:xslt"
    xpath-default-namespace="urn:bukharin-edition:facts"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:include href="common/site.xsl"/>

  <xsl:template match="/manual">
    <xsl:result-document href="{$out}encoding-manual.html">
      <xsl:call-template name="ed:frame">
        <xsl:with-param name="root" select="''"/>
        <xsl:with-param name="current" select="'manual'"/>
        <xsl:with-param name="title" select="'Encoding manual — The Bukharin documents'"/>
        <xsl:with-param name="body-attributes" as="attribute()+">
          <xsl:attribute name="data-view" select="'manual'"/>
          <xsl:attribute name="class" select="'ed-manual'"/>
        </xsl:with-param>
        <xsl:with-param name="trail" select="['Encoding manual', '']"/>
        <xsl:with-param name="body" as="node()*">
          <h1>Encoding manual of The Bukharin documents</h1>
          <p>Every element, attribute and value that the edition's TEI customization (<code>schema/bukharin.odd</code>, compiled to <code>schema/bukharin.rng</code> and <code>schema/bukharin.sch</code>) allows, with its meaning and an example from the edition's TEI files. The rules that the grammar cannot express, TEI's own and the edition's, follow the elements; <code>edition validate</code> checks both.</p>
          <p>{@elements} elements.</p>
          <p><a href="#modules">The modules</a>, <a href="#global">the attributes of every element</a> and <a href="#rules">the rules</a>.</p>
          <nav class="ed-manual-elements" aria-label="The elements">
            <ul>
              <xsl:for-each select="element">
                <li><a href="#el-{@name}">&lt;{@name}&gt;</a></li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:if test="exists(module)">
            <h2 id="modules">Modules of TEI P5</h2>
            <table>
              <tr><th>module</th><th>elements used</th></tr>
              <xsl:for-each select="module">
                <tr><td><code>{@key}</code></td><td><xsl:apply-templates select="ref"/><xsl:if test="empty(ref)">its classes and datatypes</xsl:if></td></tr>
              </xsl:for-each>
            </table>
          </xsl:if>
          <xsl:if test="exists(global)">
            <h2 id="global">Attributes of every element</h2>
            <p>TEI's global attributes; an element's own section lists them again only where it changes them.</p>
            <xsl:call-template name="attributes">
              <xsl:with-param name="attributes" select="global/attribute"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:apply-templates select="element"/>
          <xsl:if test="exists(rule)">
            <h2 id="rules">Rules (schema/bukharin.sch)</h2>
            <p>What the grammar cannot say: the edition's rules (from the ODD's constraints) and TEI's own, inherited. Each rule's id names it in the reports of <code>edition validate</code>; … stands for the values the report fills in.</p>
            <table>
              <tr><th>rule</th><th>severity</th><th>applies to</th><th>message</th></tr>
              <xsl:for-each select="rule">
                <tr><td><code>{@id}</code></td><td>{@severity}</td><td><code>{@context}</code></td><td>{.}</td></tr>
              </xsl:for-each>
            </table>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- A link to an element's section, in a list separated by commas. -->
  <xsl:template match="ref">
    <xsl:if test="position() gt 1">, </xsl:if>
    <a href="#el-{@name}">&lt;{@name}&gt;</a>
  </xsl:template>

  <xsl:template match="element">
    <h2 id="el-{@name}">&lt;{@name}&gt;</h2>
    <xsl:if test="@module">
      <p>Module <code>{@module}</code>{if (@changed = 'yes') then ' (changed by the edition)' else ''}.</p>
    </xsl:if>
    <xsl:for-each select="definition">
      <p><xsl:choose>
        <xsl:when test="@doc">{@doc}</xsl:when>
        <xsl:otherwise><span class="none">No documentation.</span></xsl:otherwise>
      </xsl:choose></p>
      <xsl:if test="@remarks"><p>{@remarks}</p></xsl:if>
      <xsl:choose>
        <xsl:when test="exists(attribute)">
          <xsl:call-template name="attributes">
            <xsl:with-param name="attributes" select="attribute"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="/manual/@global = 'yes'"><p>Attributes: the global ones.</p></xsl:when>
        <xsl:otherwise><p>Attributes: none.</p></xsl:otherwise>
      </xsl:choose>
      <p>Contains: <xsl:choose>
        <xsl:when test="contains/@text = 'yes'">text<xsl:if test="exists(contains/ref)">, </xsl:if><xsl:apply-templates select="contains/ref"/></xsl:when>
        <xsl:when test="exists(contains/ref)"><xsl:apply-templates select="contains/ref"/></xsl:when>
        <xsl:otherwise>nothing (empty element)</xsl:otherwise>
      </xsl:choose>.</p>
      <xsl:for-each select="example">
        <p>Example of the encoding manual:</p>
        <pre>{.}</pre>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="found">
          <p>Example from <code>tei/{found/@file}</code>, line {found/@line}:</p>
          <pre>{found}</pre>
        </xsl:when>
        <xsl:otherwise><p class="none">No example in the edition's files yet.</p></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A table of attributes: name, whether required, the values allowed, the meaning. -->
  <xsl:template name="attributes">
    <xsl:param name="attributes" as="element(attribute)*" required="yes"/>
    <table>
      <tr><th>attribute</th><th>required</th><th>values</th><th>meaning</th></tr>
      <xsl:for-each select="$attributes">
        <tr>
          <td><code>@{@name}</code></td>
          <td>{@required}</td>
          <td><xsl:choose>
            <xsl:when test="@datatype">{@datatype}</xsl:when>
            <xsl:otherwise>closed list:<ul>
              <xsl:for-each select="value">
                <li><code>{.}</code>{if (@doc) then ': ' || @doc else ''}</li>
              </xsl:for-each>
            </ul></xsl:otherwise>
          </xsl:choose></td>
          <td>{@doc}</td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>
</xsl:stylesheet>
