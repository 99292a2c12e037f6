// Package lessons holds the playground's lessons: Markdown files with YAML front matter,
// in which a ```playground block is a live scenario and an ```exercise block a goal the
// learner reaches by editing one. The lessons that ship are embedded; an instructor can
// serve their own directory instead (playground serve -lessons DIR) without rebuilding.
//
// Every scenario in a lesson is simulated when the lesson loads, so the page shows real
// results even without JavaScript, and a lesson that no longer matches the simulator
// fails its test instead of teaching something false.
package lessons

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/apigw-playground/playground/sim/scenario"
)

//go:embed content/*.md
var content embed.FS

// Content is the lessons that ship with the playground, one Markdown file each.
func Content() fs.FS {
	sub, err := fs.Sub(content, "content")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}

// Library is a loaded, rendered set of lessons, ordered by their front matter's order.
// It is read-only and safe for concurrent use.
type Library struct {
	lessons []*Lesson
	bySlug  map[string]int
}

// Lesson is one rendered lesson.
type Lesson struct {
	// Slug is the file name without ".md"; it names the lesson in URLs.
	Slug    string
	Title   string
	Summary string
	Order   int
	// HTML is the rendered body: produced by goldmark with raw HTML escaped, plus the
	// widgets' own markup, so it is safe to insert into a page as is.
	HTML template.HTML

	playgrounds []*playground
	exercises   []*exercise
}

// playground is a playground block after loading: its scenario and what it did.
type playground struct {
	id     string
	line   int
	json   json.RawMessage
	trace  *scenario.Trace
	runErr error
}

// exercise is an exercise block after loading.
type exercise struct {
	line          int
	checks        []Assertion
	startTrace    *scenario.Trace
	solutionTrace *scenario.Trace
	runErr        error
}

// Load reads every *.md file at the top of fsys as a lesson, simulates its scenarios and
// renders it. The error lists every problem found, each naming its file and line.
func Load(fsys fs.FS) (*Library, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("lessons: no *.md files found")
	}
	md := newMarkdown()
	lib := &Library{bySlug: map[string]int{}}
	var errs []error
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := loadLesson(md, name, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lib.lessons = append(lib.lessons, l)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(lib.lessons, func(i, j int) bool {
		a, b := lib.lessons[i], lib.lessons[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.Slug < b.Slug
	})
	for i, l := range lib.lessons {
		lib.bySlug[l.Slug] = i
	}
	return lib, nil
}

// Lessons lists the lessons in order.
func (lib *Library) Lessons() []*Lesson {
	return append([]*Lesson(nil), lib.lessons...)
}

// Lesson finds a lesson by its slug.
func (lib *Library) Lesson(slug string) (*Lesson, bool) {
	i, ok := lib.bySlug[slug]
	if !ok {
		return nil, false
	}
	return lib.lessons[i], true
}

// Next is the lesson after the named one, or nil at the end (or for an unknown slug).
func (lib *Library) Next(slug string) *Lesson { return lib.neighbour(slug, +1) }

// Previous is the lesson before the named one, or nil at the start.
func (lib *Library) Previous(slug string) *Lesson { return lib.neighbour(slug, -1) }

func (lib *Library) neighbour(slug string, step int) *Lesson {
	i, ok := lib.bySlug[slug]
	if !ok || i+step < 0 || i+step >= len(lib.lessons) {
		return nil
	}
	return lib.lessons[i+step]
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// frontMatter is the metadata every lesson starts with.
type frontMatter struct {
	Title   string
	Summary string
	Order   int
}

func loadLesson(md goldmark.Markdown, name string, src []byte) (l *Lesson, err error) {
	// A lesson directory may hold anything; whatever a library below trips over is this
	// file's error, not a crash of the server loading it.
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, &Error{File: name, Msg: fmt.Sprintf("the lesson could not be read: %v", r)}
		}
	}()
	slug := strings.TrimSuffix(path.Base(name), ".md")
	if !slugPattern.MatchString(slug) {
		return nil, &Error{File: name, Msg: "a lesson's file name must be lower-case letters, digits and dashes, ending in .md"}
	}
	ctx := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	meta, err := readFrontMatter(name, ctx)
	if err != nil {
		return nil, err
	}
	l = &Lesson{Slug: slug, Title: meta.Title, Summary: meta.Summary, Order: meta.Order}
	if err := l.buildWidgets(md, name, src, doc); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	l.HTML = template.HTML(buf.String())
	return l, nil
}

// readFrontMatter decodes and checks the front matter. It walks the YAML nodes itself,
// rather than decoding into the struct, to report unknown fields and wrong types with
// the line they are on.
func readFrontMatter(file string, ctx parser.Context) (frontMatter, error) {
	var fm frontMatter
	data := frontmatter.Get(ctx)
	if data == nil {
		return fm, &Error{File: file, Line: 1, Msg: "a lesson must start with front matter: ---, then title, summary and order, then ---"}
	}
	// The front matter's own first line is line 2 of the file, after the opening ---.
	const first = 2
	var doc yaml.Node
	if err := data.Decode(&doc); err != nil {
		return fm, inFile(file, first, "front matter: ", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return fm, &Error{File: file, Line: 1, Msg: "front matter must be a map with title, summary and order"}
	}
	m := doc.Content[0]
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := first + v.Line - 1
		var err error
		switch k.Value {
		case "title":
			err = decodeScalar(v, &fm.Title, "text")
		case "summary":
			err = decodeScalar(v, &fm.Summary, "text")
		case "order":
			err = decodeScalar(v, &fm.Order, "a whole number")
		default:
			return fm, &Error{File: file, Line: first + k.Line - 1, Msg: fmt.Sprintf("front matter: unknown field %q (known: title, summary, order)", k.Value)}
		}
		if err != nil {
			return fm, &Error{File: file, Line: at, Msg: fmt.Sprintf("front matter: %s must be %v", k.Value, err)}
		}
		seen[k.Value] = true
	}
	for _, field := range []string{"title", "summary", "order"} {
		if !seen[field] {
			return fm, &Error{File: file, Line: 1, Msg: "front matter: " + field + " is missing"}
		}
	}
	if strings.TrimSpace(fm.Title) == "" {
		return fm, &Error{File: file, Line: 1, Msg: "front matter: title is empty"}
	}
	return fm, nil
}

// decodeScalar decodes a scalar node into dst; the error is what it should have been.
func decodeScalar(n *yaml.Node, dst any, want string) error {
	if n.Kind != yaml.ScalarNode || n.Decode(dst) != nil {
		return errors.New(want)
	}
	return nil
}

// buildWidgets finds the playground and exercise blocks, parses and simulates them, and
// swaps each for a widget node holding its HTML.
func (l *Lesson) buildWidgets(md goldmark.Markdown, file string, src []byte, doc ast.Node) error {
	var playgrounds, exercises []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering {
			switch string(fb.Language(src)) {
			case langPlayground:
				playgrounds = append(playgrounds, fb)
			case langExercise:
				exercises = append(exercises, fb)
			}
		}
		return ast.WalkContinue, nil
	})
	// Playgrounds first, so that an exercise may start from one further down.
	byID := map[string]*playground{}
	html := map[*ast.FencedCodeBlock][]byte{}
	for _, fb := range playgrounds {
		var err error
		if html[fb], err = l.buildPlayground(file, src, fb, byID); err != nil {
			return err
		}
	}
	for _, fb := range exercises {
		var err error
		if html[fb], err = l.buildExercise(md, file, src, fb, byID); err != nil {
			return err
		}
	}
	for fb, widget := range html {
		fb.Parent().ReplaceChild(fb.Parent(), fb, &widgetNode{html: widget})
	}
	return nil
}

// buildPlayground loads one playground block and renders its widget.
func (l *Lesson) buildPlayground(file string, src []byte, fb *ast.FencedCodeBlock, byID map[string]*playground) ([]byte, error) {
	fence := fenceLine(src, fb)
	words := strings.Fields(string(fb.Info.Segment.Value(src)))
	id, err := parseInfo(words[1:])
	if err != nil {
		return nil, inFile(file, fence, "playground: ", err)
	}
	pb, err := parsePlayground(id, blockBody(src, fb))
	if err != nil {
		return nil, inFile(file, fence+1, "playground: ", err)
	}
	if id != "" && byID[id] != nil {
		return nil, &Error{File: file, Line: fence, Msg: fmt.Sprintf("playground id %q is used twice", id)}
	}
	sc, err := decodeScenario(pb.scenario)
	if err != nil {
		return nil, &Error{File: file, Line: fence, Msg: "playground: " + err.Error()}
	}
	p := &playground{id: id, line: fence, json: pb.scenario}
	p.trace, p.runErr = runScenario(sc)
	l.playgrounds = append(l.playgrounds, p)
	anchor := fmt.Sprintf("%s-playground-%d", l.Slug, len(l.playgrounds))
	if id != "" {
		byID[id] = p
		anchor = l.Slug + "-" + id
	}
	html, err := renderWidget("playground", newPlaygroundView(anchor, p.json, sc, p.trace, p.runErr))
	if err != nil {
		return nil, &Error{File: file, Line: fence, Msg: err.Error()}
	}
	return html, nil
}

// buildExercise loads one exercise block and renders its widget.
func (l *Lesson) buildExercise(md goldmark.Markdown, file string, src []byte, fb *ast.FencedCodeBlock, byID map[string]*playground) ([]byte, error) {
	fence := fenceLine(src, fb)
	if len(strings.Fields(string(fb.Info.Segment.Value(src)))) > 1 {
		return nil, &Error{File: file, Line: fence, Msg: "an exercise block takes no options after its language"}
	}
	eb, err := parseExercise(blockBody(src, fb))
	if err != nil {
		return nil, inFile(file, fence+1, "exercise: ", err)
	}
	start := eb.scenario
	if eb.start != "" {
		p := byID[eb.start]
		if p == nil {
			return nil, &Error{File: file, Line: fence, Msg: fmt.Sprintf("exercise: start %q names no playground of this lesson", eb.start)}
		}
		start = p.json
	}
	ex, view, err := l.loadExercise(md, eb, start)
	if err != nil {
		return nil, &Error{File: file, Line: fence, Msg: "exercise: " + err.Error()}
	}
	ex.line = fence
	l.exercises = append(l.exercises, ex)
	view.Anchor = fmt.Sprintf("%s-exercise-%d", l.Slug, len(l.exercises))
	view.Start.Anchor = view.Anchor + "-start"
	view.Solution.Anchor = view.Anchor + "-solution"
	html, err := renderWidget("exercise", view)
	if err != nil {
		return nil, &Error{File: file, Line: fence, Msg: err.Error()}
	}
	return html, nil
}

// loadExercise simulates an exercise's starting scenario and its solution.
func (l *Lesson) loadExercise(md goldmark.Markdown, eb *exerciseBlock, start json.RawMessage) (*exercise, exerciseView, error) {
	ex := &exercise{checks: eb.checks}
	startSc, err := decodeScenario(start)
	if err != nil {
		return nil, exerciseView{}, fmt.Errorf("starting scenario: %w", err)
	}
	solSc, err := decodeScenario(eb.solution)
	if err != nil {
		return nil, exerciseView{}, fmt.Errorf("solution: %w", err)
	}
	var solErr error
	ex.startTrace, ex.runErr = runScenario(startSc)
	ex.solutionTrace, solErr = runScenario(solSc)
	if ex.runErr == nil {
		ex.runErr = solErr
	}
	var goal bytes.Buffer
	if err := md.Convert([]byte(eb.goal), &goal); err != nil {
		return nil, exerciseView{}, err
	}
	checks, err := json.Marshal(eb.checks)
	if err != nil {
		return nil, exerciseView{}, err
	}
	view := exerciseView{
		Checks:       string(checks),
		SolutionJSON: string(eb.solution),
		Goal:         template.HTML(goal.String()),
		Start:        newPlaygroundView("", start, startSc, ex.startTrace, ex.runErr),
		Solution:     newPlaygroundView("", eb.solution, solSc, ex.solutionTrace, solErr),
	}
	view.Solution.Live = false
	if ex.startTrace != nil {
		view.Results = Check(eb.checks, ex.startTrace)
	} else {
		for _, a := range eb.checks {
			view.Results = append(view.Results, Result{Assertion: a, Message: "the scenario did not run"})
		}
	}
	return ex, view, nil
}

// fenceLine is the 1-based line of a fenced block's opening fence.
func fenceLine(src []byte, fb *ast.FencedCodeBlock) int {
	return bytes.Count(src[:fb.Info.Segment.Start], []byte("\n")) + 1
}

// blockBody is the text between a fenced block's fences.
func blockBody(src []byte, fb *ast.FencedCodeBlock) []byte {
	var body bytes.Buffer
	for i := 0; i < fb.Lines().Len(); i++ {
		seg := fb.Lines().At(i)
		body.Write(seg.Value(src))
	}
	return body.Bytes()
}
