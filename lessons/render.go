package lessons

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
)

// newMarkdown builds the Markdown dialect of lessons: CommonMark with tables, YAML front
// matter and heading anchors. Raw HTML is never trusted: a lesson from an instructor's
// directory is shown to every learner of the server, so whatever HTML it holds is
// escaped and shown as text. The only markup not written by goldmark is our own widgets.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			&frontmatter.Extender{Formats: []frontmatter.Format{frontmatter.YAML}},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(lessonRenderer{}, 100)),
		),
	)
}

// kindWidget is the AST node kind that replaces a playground or exercise fenced block.
var kindWidget = ast.NewNodeKind("LessonWidget")

// widgetNode holds the widget's finished HTML, rendered by html/template when the
// lesson loaded.
type widgetNode struct {
	ast.BaseBlock
	html []byte
}

func (n *widgetNode) Kind() ast.NodeKind { return kindWidget }

func (n *widgetNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// lessonRenderer renders widgets and escapes raw HTML.
type lessonRenderer struct{}

func (lessonRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWidget, renderWidgetNode)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlockAsText)
	reg.Register(ast.KindRawHTML, renderRawHTMLAsText)
}

func renderWidgetNode(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(n.(*widgetNode).html)
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlockAsText(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var text bytes.Buffer
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		text.Write(seg.Value(source))
	}
	if b.HasClosure() {
		text.Write(b.ClosureLine.Value(source))
	}
	_, _ = w.WriteString("<p>")
	template.HTMLEscape(w, bytes.TrimRight(text.Bytes(), "\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func renderRawHTMLAsText(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			template.HTMLEscape(w, seg.Value(source))
		}
	}
	return ast.WalkSkipChildren, nil
}
