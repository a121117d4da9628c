//! The corpus screen: its aggregates against a small corpus counted by hand, its rendering
//! (snapshots at 80x24 and 140x40) and its flows through the production keymap (open with
//! `c`, move, `Enter` to the articles, `Enter` to open one at the evidence, back).
//!
//! The corpus is written to a temporary folder and indexed by the real engine; its articles
//! name only countries of the gazetteer, so what the engine finds is what is counted here.

mod tui_common;

use newslens::analysis::Analyzer;
use newslens::annotations::Annotation;
use newslens::annotations::store::Store;
use newslens::config::LoadedConfig;
use newslens::corpus::{self, LoadOptions, Span};
use newslens::index::Index;
use newslens::index::views::{Behind, CorpusModel, Subset};
use newslens::query;
use newslens::tui::app::{App, Item};
use newslens::tui::corpus_view::{LoadContext, LoadState, Pane, Tab};
use newslens::tui::keymap::Keymap;
use newslens::tui::palette::Palette;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::fs;
use std::path::Path;
use std::sync::Arc;
use tui_common::{key, press, render, screen};

/// Five articles over three months. By hand: France in 1, 2, 3, 5 (4 articles, 6
/// mentions); Russia in 1, 3 (3 mentions); Togo in 2, 3; Germany in 4, 5; one tension,
/// France vs Russia, in 3.
const ARTICLES: [(&str, &str, &str, &str); 5] = [
    (
        "one",
        "2025-01-10",
        "Wire A",
        "France and Russia signed a grain deal on Monday. France said the talks went well.",
    ),
    (
        "two",
        "2025-01-20",
        "Wire B",
        "France and Togo opened a new school on Tuesday. The visit lasted a day.",
    ),
    (
        "three",
        "2025-02-05",
        "Wire A",
        "Russia, Togo and France met in a small town on Friday. France condemned Russia over the grain deal. The meeting was calm.",
    ),
    (
        "four",
        "2025-03-01",
        "Wire B",
        "Germany opened a museum on Sunday. The museum was full.",
    ),
    (
        "five",
        "2025-03-15",
        "Wire A",
        "Germany and France held a concert on Saturday. The crowd was large.",
    ),
];

fn write_corpus(root: &Path) {
    for (id, date, source, text) in ARTICLES {
        let title = format!("Article {id}");
        let body = format!(
            "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nsource = \"{source}\"\n+++\n\n{text}\n"
        );
        fs::write(root.join(format!("{id}.md")), body).unwrap();
    }
}

fn config() -> LoadedConfig {
    LoadedConfig {
        config: newslens::config::defaults(),
        user_file: None,
    }
}

fn indexed() -> (tempfile::TempDir, Index, CorpusModel) {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let ctx = context();
    let loaded = newslens::tui::corpus_view::load(dir.path(), Some(&ctx), &mut |_| {})
        .expect("the corpus loads");
    (dir, loaded.index, loaded.model)
}

fn context() -> LoadContext {
    let cfg = config();
    let analyzer = Analyzer::new(&cfg.config).expect("the default config is valid");
    LoadContext::new(&cfg, Some(Arc::new(analyzer)), None)
}

fn actor(model: &CorpusModel, name: &str) -> usize {
    model
        .actors
        .iter()
        .position(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} among {:?}", model.actors))
}

#[test]
fn actor_counts_and_months_are_the_hand_counted_ones() {
    let (_dir, index, model) = indexed();
    assert_eq!(model.total, 5);
    assert_eq!(model.months, ["2025-01", "2025-02", "2025-03"]);
    let rows = model.actor_rows(&index, &Subset::All).unwrap();
    let got: Vec<(&str, usize, usize)> = rows
        .iter()
        .map(|r| (model.actors[r.item].name.as_str(), r.articles, r.mentions))
        .collect();
    assert_eq!(got[0], ("France", 4, 6), "{got:?}");
    let mut rest = got[1..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        [("Germany", 2, 2), ("Russia", 2, 3), ("Togo", 2, 2)],
        "{got:?}"
    );
    let france = rows
        .iter()
        .find(|r| r.item == actor(&model, "France"))
        .unwrap();
    assert_eq!(france.by_month, [2, 1, 1]);
    let germany = rows
        .iter()
        .find(|r| r.item == actor(&model, "Germany"))
        .unwrap();
    assert_eq!(germany.by_month, [0, 0, 2]);
    let tensions = model.tension_rows(&index, &Subset::All).unwrap();
    assert_eq!(tensions.len(), 1);
    assert_eq!(model.tensions[tensions[0].item].sides, ["France", "Russia"]);
    assert_eq!(
        (tensions[0].articles, tensions[0].by_month.clone()),
        (1, vec![0, 1, 0])
    );
    let behind = model
        .articles_behind(
            &index,
            Behind::Tension(tensions[0].item),
            &Subset::All,
            0,
            10,
        )
        .unwrap();
    assert_eq!(behind.len(), 1);
    assert_eq!(behind[0].id, "three");
    let (s, e) = model
        .tension_evidence(&index, tensions[0].item, behind[0].rowid)
        .unwrap()
        .unwrap();
    let text = ARTICLES[2].3;
    let body_start = "France condemned";
    assert!(e > s && text.contains(body_start));
}

#[test]
fn cooccurrence_counts_and_lift_are_the_hand_counted_ones() {
    let (_dir, index, model) = indexed();
    let france = actor(&model, "France");
    let all_rows = model.actor_rows(&index, &Subset::All).unwrap();
    let comp = model
        .companions(&index, france, &Subset::All, &all_rows)
        .unwrap();
    let got: Vec<(&str, usize, f64)> = comp
        .list
        .iter()
        .map(|c| (model.actors[c.actor].name.as_str(), c.together, c.lift))
        .collect();
    // n = 5, France in 4: with Russia 2 of Russia's 2 -> 2*5/(4*2) = 1.25; Togo the same;
    // Germany 1 of 2 -> 0.625. Ranked by lift (all reach the one-article minimum).
    assert_eq!(comp.min_together, 1);
    assert_eq!(got.len(), 3, "{got:?}");
    let lift = |name: &str| got.iter().find(|g| g.0 == name).map(|g| (g.1, g.2));
    assert_eq!(lift("Russia"), Some((2, 1.25)));
    assert_eq!(lift("Togo"), Some((2, 1.25)));
    assert_eq!(lift("Germany"), Some((1, 0.625)));
    assert_eq!(got[2].0, "Germany", "lowest lift last: {got:?}");
    // Russia with Togo: together in one article, each in 2 -> 1*5/(2*2).
    let russia = actor(&model, "Russia");
    let comp = model
        .companions(&index, russia, &Subset::All, &all_rows)
        .unwrap();
    let togo = comp
        .list
        .iter()
        .find(|c| c.actor == actor(&model, "Togo"))
        .unwrap();
    assert_eq!((togo.together, togo.lift), (1, 1.25));
    // The report's SQL counts (an independent implementation) agree.
    for pair in index.cooccurrence("france", 0).unwrap() {
        let c = model
            .companions(&index, france, &Subset::All, &all_rows)
            .unwrap()
            .list
            .into_iter()
            .find(|c| model.actors[c.actor].key == pair.b)
            .unwrap();
        assert_eq!(c.together, pair.together, "{}", pair.b);
        assert!((c.lift - pair.lift).abs() < 1e-9, "{}", pair.b);
    }
}

#[test]
fn a_filter_counts_only_the_articles_it_matches() {
    let (_dir, index, model) = indexed();
    let q = query::parse("date:2025-01").unwrap();
    let subset = model.subset(&index, &q).unwrap();
    assert_eq!(model.count(&subset), 2);
    let rows = model.actor_rows(&index, &subset).unwrap();
    let names: Vec<(&str, usize)> = rows
        .iter()
        .map(|r| (model.actors[r.item].name.as_str(), r.articles))
        .collect();
    assert_eq!(names[0], ("France", 2));
    assert!(!names.iter().any(|n| n.0 == "Germany"), "{names:?}");
    // Within the subset, lift is over its 2 articles: France in 2, Russia in 1, together 1.
    let comp = model
        .companions(&index, actor(&model, "France"), &subset, &rows)
        .unwrap();
    let russia = comp
        .list
        .iter()
        .find(|c| c.actor == actor(&model, "Russia"))
        .unwrap();
    assert_eq!((russia.together, russia.lift), (1, 1.0));
    let q = query::parse("-actor:russia source:\"wire a\"").unwrap();
    let subset = model.subset(&index, &q).unwrap();
    assert_eq!(ids_in(&index, &model, &subset), ["five"]);
    let france_with_russia = |offset| {
        model
            .articles_behind(
                &index,
                Behind::Pair(actor(&model, "France"), actor(&model, "Russia")),
                &Subset::All,
                offset,
                10,
            )
            .unwrap()
    };
    let both = france_with_russia(0);
    let ids: Vec<&str> = both.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["three", "one"], "newest first");
    // A page at a time: the second article alone from offset 1.
    let page = france_with_russia(1);
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, "one");
    // Within a subset, the articles behind a row are the subset's.
    let jan = model
        .subset(&index, &query::parse("date:2025-01").unwrap())
        .unwrap();
    let france_jan = model
        .articles_behind(&index, Behind::Actor(actor(&model, "France")), &jan, 0, 10)
        .unwrap();
    assert_eq!(france_jan.len(), 2);
    // The one tension, France vs Russia, is in article three, whichever side is named first.
    for (q, want) in [
        ("tension:russia/france", vec!["three"]),
        ("tension:france/russia", vec!["three"]),
        ("tension:russia", vec!["three"]),
        ("tension:germany/france", vec![]),
        ("tension:france/france", vec![]),
        ("-tension:france/russia actor:russia", vec!["one"]),
    ] {
        let subset = model.subset(&index, &query::parse(q).unwrap()).unwrap();
        assert_eq!(ids_in(&index, &model, &subset), want, "{q}");
    }
}

/// The ids of a subset's articles (each names an actor), in id order.
fn ids_in(index: &Index, model: &CorpusModel, subset: &Subset) -> Vec<String> {
    let mut ids = Vec::new();
    for a in 0..model.actors.len() {
        for f in model
            .articles_behind(index, Behind::Actor(a), subset, 0, 100)
            .unwrap()
        {
            assert!(subset.contains(f.rowid));
            ids.push(f.id);
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// A reader over the corpus folder with every analysis ready.
fn reader(root: &Path, w: u16, h: u16) -> App {
    let corpus = corpus::load(&[root.to_path_buf()], &LoadOptions::default());
    let cfg = config();
    let analyzer = Analyzer::new(&cfg.config).unwrap();
    let analyses: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| analyzer.analyze(a))
        .collect();
    let mut app = App::new(
        corpus.articles,
        Vec::new(),
        Keymap::defaults(),
        Palette::build(&Default::default(), false).unwrap(),
    );
    app.resize(w, h);
    for (i, an) in analyses.into_iter().enumerate() {
        app.analysis_ready(i, an);
    }
    app.corpus.context = Some(context());
    app.open_stores();
    app
}

fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    dir
}

/// The screen with the temporary folder's name and the timing taken out.
fn stable_screen(app: &App) -> String {
    let s = screen(&render(app));
    let re = regex::Regex::new(r"· \d+\.\d ms ").unwrap();
    re.replace_all(&s, "· _ ms ").into_owned()
}

#[test]
fn snapshot_corpus_actors_80x24() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 80, 24);
    press(&mut app, "c");
    assert!(app.corpus.shown);
    insta::assert_snapshot!(stable_screen(&app));
}

#[test]
fn snapshot_corpus_articles_140x40() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 140, 40);
    press(&mut app, "c");
    app.handle_event(&key(KeyCode::Enter));
    insta::assert_snapshot!(stable_screen(&app));
}

#[test]
fn snapshot_corpus_themes_and_filter_140x40() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 140, 40);
    press(&mut app, "c2/date:2025-03");
    insta::assert_snapshot!(stable_screen(&app));
}

#[test]
fn snapshot_corpus_tensions_80x24() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 80, 24);
    press(&mut app, "c3");
    insta::assert_snapshot!(stable_screen(&app));
}

#[test]
fn tension_rows_open_at_the_tension_evidence() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 100, 30);
    press(&mut app, "c3");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.article().unwrap().id, "three");
    let Some(Item::Tension(t)) = app.active else {
        panic!("the tension is selected: {:?}", app.active);
    };
    assert_eq!(
        app.analysis().unwrap().tensions[t].label,
        "France vs Russia"
    );
    let at = app.evidence[app.evidence_current.unwrap()];
    let body = &app.article().unwrap().body;
    assert!(
        body[at.start..at.end].contains("condemned"),
        "{}",
        &body[at.start..at.end]
    );
}

#[test]
fn open_move_enter_open_at_the_mention_and_back() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 100, 30);
    let start = app.current;
    press(&mut app, "c");
    let l = app.corpus.loaded().expect("loaded in line");
    assert!(matches!(app.corpus.load, LoadState::Ready(_)));
    // France first (4 articles); j moves to the next actor.
    let france = l.model.actors[app.corpus.rows[0][0].item].name.clone();
    assert_eq!(france, "France");
    press(&mut app, "j");
    assert_eq!(app.corpus.cursor[0], 1);
    let second = app.corpus.actor_under_cursor().unwrap();
    let second_name = app.corpus.loaded().unwrap().model.actors[second]
        .name
        .clone();
    // Its companions follow the cursor.
    assert_eq!(app.corpus.companions().map(|c| c.0), Some(second));
    press(&mut app, "k");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.corpus.pane, Pane::Articles);
    let list = app.corpus.articles.as_ref().unwrap().list.clone();
    assert_eq!(list.len(), 4);
    assert_eq!(app.corpus.articles.as_ref().unwrap().total, 4);
    // Newest first: "five" (2025-03-15).
    assert_eq!(list[0].id, "five");
    press(&mut app, "j");
    assert_eq!(list[1].id, "three");
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.corpus.shown, "Enter on an article opens it");
    assert_eq!(app.article().unwrap().id, "three");
    let Some(Item::Actor(i)) = app.active else {
        panic!("the actor is selected: {:?}", app.active);
    };
    let an = app.analysis().unwrap();
    assert_eq!(an.actors[i].name, "France");
    let body = &app.article().unwrap().body;
    let at = app.evidence[app.evidence_current.unwrap()];
    assert_eq!(&body[at.start..at.end], "France");
    assert_eq!(
        at.start,
        an.actors[i]
            .mentions
            .iter()
            .map(|m| m.span.start)
            .min()
            .unwrap(),
        "the first mention"
    );
    // Ctrl-o goes back to where the reader was; c returns to the corpus screen as it was.
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('o'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(app.current, start);
    press(&mut app, "c");
    assert!(app.corpus.shown);
    assert_eq!(app.corpus.pane, Pane::Articles);
    assert_eq!(app.corpus.articles.as_ref().unwrap().cursor, 1);
    // Esc closes the articles, Esc again leaves the screen; q too.
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.corpus.pane, Pane::Rows);
    assert!(app.corpus.articles.is_none());
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.corpus.shown);
    press(&mut app, "cq");
    assert!(!app.corpus.shown, "q goes back, it does not quit");
    let _ = second_name;
}

#[test]
fn from_the_actors_panel_c_opens_that_actors_view() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 100, 30);
    // Open article "three" and put the Actors cursor on Togo.
    let three = app.articles.iter().position(|a| a.id == "three").unwrap();
    app.open(three);
    let an = app.analysis().unwrap();
    let togo = an.actors.iter().position(|a| a.name == "Togo").unwrap();
    let items = app.panel_items(newslens::tui::app::Panel::Actors);
    let row = items.iter().position(|&i| i == togo).unwrap();
    press(&mut app, "1");
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "c");
    assert!(app.corpus.shown);
    assert_eq!(app.corpus.tab, Tab::Actors);
    let a = app.corpus.actor_under_cursor().unwrap();
    assert_eq!(app.corpus.loaded().unwrap().model.actors[a].name, "Togo");
    // Tab to who appears with Togo, Enter lists the articles of the pair.
    app.handle_event(&key(KeyCode::Tab));
    assert_eq!(app.corpus.pane, Pane::With);
    app.handle_event(&key(KeyCode::Enter));
    let arts = app.corpus.articles.as_ref().unwrap();
    assert!(!arts.list.is_empty());
    assert!(arts.title.starts_with("Togo with "), "{}", arts.title);
}

#[test]
fn after_a_slow_filter_the_next_applies_on_enter_not_at_each_key() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 120, 30);
    press(&mut app, "c");
    assert_eq!(app.corpus.rows[0].len(), 4);
    // As if the last recount had taken seconds (a corpus of 100,000 articles).
    app.corpus.last_query = Some(std::time::Duration::from_secs(3));
    press(&mut app, "/-actor:germany");
    assert_eq!(app.corpus.rows[0].len(), 4, "recounted while typing");
    assert!(app.corpus.filter_pending());
    assert!(stable_screen(&app).contains("Enter applies (the last filter took 3.0 s)"));
    // A mistake is still said while typing.
    press(&mut app, " kind:animal");
    assert!(
        app.corpus
            .filter_error
            .as_deref()
            .unwrap()
            .contains("person")
    );
    for _ in 0..12 {
        app.handle_event(&key(KeyCode::Backspace));
    }
    assert_eq!(app.corpus.filter, "-actor:germany");
    app.corpus.last_query = Some(std::time::Duration::from_secs(3));
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.corpus.filter_pending());
    assert_three_articles_without_germany(&app);
}

#[test]
fn a_bad_filter_says_what_was_expected_and_keeps_the_lists() {
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 100, 30);
    press(&mut app, "c/kind:animal");
    let err = app.corpus.filter_error.clone().unwrap();
    assert!(err.contains("person"), "{err}");
    assert!(stable_screen(&app).contains("expected one of person"));
    // Esc puts back the filter as it was before typing, with its lists.
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.corpus.filter.is_empty());
    assert_eq!(app.corpus.rows[0].len(), 4);
    press(&mut app, "/-actor:germany");
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.corpus.editing);
    assert_three_articles_without_germany(&app);
}

#[test]
fn notes_across_the_corpus_filter_and_open_at_the_passage() {
    let dir = corpus_dir();
    // Two annotations in two articles.
    save_notes(
        dir.path(),
        &[
            ("one", "grain deal", "claim", "check the tonnage"),
            ("four", "museum", "culture", "new building"),
        ],
    );
    let mut app = reader(dir.path(), 100, 30);
    press(&mut app, "c4");
    assert_eq!(app.corpus.tab, Tab::Notes);
    assert_eq!(app.corpus.note_rows.len(), 2);
    press(&mut app, "/tag:claim");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.corpus.note_rows.len(), 1);
    press(&mut app, "/");
    app.handle_event(&key(KeyCode::Backspace));
    for _ in 0..9 {
        app.handle_event(&key(KeyCode::Backspace));
    }
    press(&mut app, "source:\"wire b\"");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.corpus.note_rows.len(), 1, "{:?}", app.corpus.filter);
    let s = stable_screen(&app);
    assert!(s.contains("“museum” — new building"), "{s}");
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.corpus.shown);
    assert_eq!(app.article().unwrap().id, "four");
    assert!(
        matches!(app.active, Some(Item::Note(_))),
        "{:?}",
        app.active
    );
    let body = &app.article().unwrap().body;
    let at = app.evidence[0];
    assert_eq!(&body[at.start..at.end], "museum");
}

/// Three notes in three articles.
fn three_notes(root: &Path) {
    save_notes(
        root,
        &[
            ("one", "grain deal", "claim", "check the tonnage"),
            ("two", "new school", "claim", "draft: who paid"),
            ("four", "museum", "culture", "new building"),
        ],
    );
}

/// Notes (article id, quoted words, tag, text) saved through the store as the reader does.
fn save_notes(root: &Path, notes: &[(&str, &str, &str, &str)]) {
    let corpus = corpus::load(&[root.to_path_buf()], &LoadOptions::default());
    let (mut store, _) = Store::open(root);
    for &(id, quote, tag, note) in notes {
        let a = corpus.articles.iter().find(|a| a.id == id).unwrap();
        let start = a.body.find(quote).unwrap();
        let ann = Annotation::new(
            &a.body,
            Span::new(start, start + quote.len()),
            vec![tag.into()],
            note.into(),
        )
        .unwrap();
        store.insert(a, ann).unwrap();
    }
    store.save_all().unwrap();
}

fn typed(app: &mut App, text: &str) {
    press(app, text);
}

fn notes_shown(app: &App) -> Vec<String> {
    let a = &app.notebook.across;
    a.rows
        .iter()
        .map(|&i| a.notes[i].annotation.note.clone())
        .collect()
}

/// An indexed corpus with `three_notes`, the reader open on article "five" (no note of its
/// own) with the Notes panel focused.
fn on_five_with_three_notes() -> (tempfile::TempDir, App) {
    let (dir, index, _) = indexed();
    drop(index);
    three_notes(dir.path());
    let mut app = reader(dir.path(), 140, 40);
    let five = app.articles.iter().position(|a| a.id == "five").unwrap();
    app.open(five);
    app.sync_notes();
    press(&mut app, "4");
    (dir, app)
}

#[test]
fn the_notes_panel_lists_the_whole_corpus_filters_it_and_opens_any_note() {
    let (_dir, mut app) = on_five_with_three_notes();
    assert_eq!(app.panel_items(newslens::tui::app::Panel::Notes).len(), 0);
    press(&mut app, "W");
    assert!(app.notebook.across.on);
    assert_eq!(
        notes_shown(&app),
        ["new building", "check the tonnage", "draft: who paid"],
        "by article id (four, one, two), then position"
    );
    let s = screen(&render(&app));
    assert!(s.contains("Notes · corpus (3)"), "{s}");
    assert!(s.contains("2025-01-10 · Article one"), "{s}");
    // Terms about notes and terms about articles together: France is named in one and two.
    typed(&mut app, "/tag:claim actor:France");
    assert!(app.notebook.across.editing);
    assert_eq!(notes_shown(&app), ["check the tonnage", "draft: who paid"]);
    typed(&mut app, " -note:draft");
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.notebook.across.editing);
    assert_eq!(notes_shown(&app), ["check the tonnage"]);
    let s = screen(&render(&app));
    assert!(s.contains("Notes · corpus (1/3) tag:claim actor:"), "{s}");
    // A bad query says what was expected and keeps the list.
    press(&mut app, "/");
    typed(&mut app, " kind:animal");
    let err = app.notebook.across.error.clone().unwrap_or_default();
    assert!(err.contains("expected one of person"), "{err}");
    let s = screen(&render(&app));
    assert!(s.contains("expected one of"), "{s}");
    // Esc puts back the query from before the prompt, and its list.
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(
        app.notebook.across.query,
        "tag:claim actor:France -note:draft"
    );
    assert_eq!(notes_shown(&app), ["check the tonnage"]);
    assert_eq!(app.notebook.across.error, None);
    // Enter opens the note's article at its passage, the note selected; the panel stays on
    // the corpus list.
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.article().unwrap().id, "one");
    assert!(
        matches!(app.active, Some(Item::Note(_))),
        "{:?}",
        app.active
    );
    let at = app.evidence[0];
    assert_eq!(&app.article().unwrap().body[at.start..at.end], "grain deal");
    assert!(app.notebook.across.on);
    assert_eq!(
        app.focus,
        newslens::tui::app::Focus::Panel(newslens::tui::app::Panel::Notes)
    );
    // Ctrl-o goes back to where the reader was.
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('o'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(app.article().unwrap().id, "five");
    // The filter stays when the scope goes back to the article: none of five's notes pass.
    press(&mut app, "W");
    assert!(!app.notebook.across.on);
    assert_eq!(
        app.notebook.across.query,
        "tag:claim actor:France -note:draft"
    );
}

#[test]
fn the_query_filters_the_articles_own_notes_too() {
    let (dir, index, _) = indexed();
    drop(index);
    three_notes(dir.path());
    let mut app = reader(dir.path(), 140, 40);
    let one = app.articles.iter().position(|a| a.id == "one").unwrap();
    app.open(one);
    app.sync_notes();
    press(&mut app, "4");
    let notes = newslens::tui::app::Panel::Notes;
    assert_eq!(app.panel_items(notes).len(), 1);
    typed(&mut app, "/tonnage");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.panel_items(notes).len(), 1, "the note's words");
    press(&mut app, "/");
    for _ in 0.."tonnage".len() {
        app.handle_event(&key(KeyCode::Backspace));
    }
    typed(&mut app, "actor:Germany");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(
        app.panel_items(notes).len(),
        0,
        "article one names no Germany"
    );
    let s = screen(&render(&app));
    assert!(s.contains("none match the filter"), "{s}");
}

#[test]
fn a_note_of_another_article_is_deleted_in_its_own_article_from_the_corpus_list() {
    let (dir, mut app) = on_five_with_three_notes();
    press(&mut app, "W");
    assert_eq!(notes_shown(&app)[1], "check the tonnage");
    press(&mut app, "j");
    press(&mut app, "d");
    // The note's article is open, its own notes listed, and the note deleted there.
    assert_eq!(app.article().unwrap().id, "one");
    assert!(!app.notebook.across.on);
    let (left, problems) = newslens::annotations::across::corpus_notes(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let mut left: Vec<&str> = left.iter().map(|n| n.annotation.note.as_str()).collect();
    left.sort();
    assert_eq!(left, ["draft: who paid", "new building"]);
    // Its article's undo brings it back.
    press(&mut app, "u");
    let (back, _) = newslens::annotations::across::corpus_notes(dir.path());
    assert_eq!(back.len(), 3);
}

/// Deliver the messages of the screen's threads until `stop` says so; those `hold` picks
/// are kept back and returned instead.
fn pump(
    app: &mut App,
    rx: &std::sync::mpsc::Receiver<newslens::tui::Msg>,
    hold: impl Fn(&newslens::tui::corpus_filter::Filtered) -> bool,
    stop: impl Fn(&App, &[newslens::tui::corpus_filter::Filtered]) -> bool,
) -> Vec<newslens::tui::corpus_filter::Filtered> {
    use newslens::tui::Msg;
    use newslens::tui::corpus_view::CorpusMsg;
    let mut held = Vec::new();
    while !stop(app, &held) {
        match rx.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(Msg::Corpus(CorpusMsg::Filtered(f))) if hold(&f) => held.push(*f),
            Ok(Msg::Corpus(m)) => app.corpus_message(m),
            Ok(_) => {}
            Err(e) => panic!("no answer from the screen's threads: {e}"),
        }
    }
    held
}

/// With a loop to answer (as in the terminal), filters are counted on a thread of their
/// own: the screen takes keys and says "filtering…" meanwhile, and of answers arriving in
/// any order only the newest filter's is shown.
#[test]
fn filters_are_counted_off_the_loop_and_the_newest_wins() {
    use newslens::tui::corpus_view::CorpusMsg;
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 120, 30);
    let (tx, rx) = std::sync::mpsc::channel();
    let cfg = config();
    let analyzer = Analyzer::new(&cfg.config).unwrap();
    app.corpus.context = Some(LoadContext::new(&cfg, Some(Arc::new(analyzer)), Some(tx)));
    press(&mut app, "c");
    pump(
        &mut app,
        &rx,
        |_| false,
        |app, _| app.corpus.loaded().is_some() && !app.corpus.filtering(),
    );
    assert_eq!(app.corpus.rows[0].len(), 4);

    // An older filter, counted but its answer kept back.
    press(&mut app, "/actor:togo");
    assert!(app.corpus.filtering(), "the answer has not been delivered");
    assert!(stable_screen(&app).contains("filtering…"));
    let older = pump(
        &mut app,
        &rx,
        |_| true,
        |_, held| held.iter().any(|f| f.filter == "actor:togo"),
    );
    // The screen took every key meanwhile and still shows the unfiltered lists.
    assert_eq!(app.corpus.filter, "actor:togo");
    assert_eq!(app.corpus.rows[0].len(), 4);

    // A newer one; its answer comes first, the older ones after it.
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    press(&mut app, "-actor:germany");
    let newer = pump(
        &mut app,
        &rx,
        |_| true,
        |_, held| held.iter().any(|f| f.filter == "-actor:germany"),
    );
    let (newest, rest): (Vec<_>, Vec<_>) = newer
        .into_iter()
        .partition(|f| f.filter == "-actor:germany");
    for f in newest {
        app.corpus_message(CorpusMsg::Filtered(Box::new(f)));
    }
    assert!(!app.corpus.filtering());
    for f in rest.into_iter().chain(older) {
        assert!(f.filter != "-actor:germany");
        app.corpus_message(CorpusMsg::Filtered(Box::new(f)));
    }
    assert!(!app.corpus.filter_pending());
    let l = app.corpus.loaded().unwrap();
    assert_eq!(l.model.count(&app.corpus.subset), 3);
    let names: Vec<&str> = app.corpus.rows[0]
        .iter()
        .map(|r| l.model.actors[r.item].name.as_str())
        .collect();
    assert!(!names.contains(&"Germany"), "{names:?}");
    assert!(names.contains(&"Togo"), "{names:?}");
    assert!(!stable_screen(&app).contains("filtering…"));
    // A mistake typed after a filter that is still being counted: the message stays when
    // that count comes in, and the lists with it.
    assert!(app.corpus.editing);
    press(&mut app, " kind");
    press(&mut app, ":animal");
    assert!(!app.corpus.filtering());
    let late = pump(
        &mut app,
        &rx,
        |_| true,
        |_, held| held.iter().any(|f| f.filter == "-actor:germany kind"),
    );
    for f in late {
        app.corpus_message(CorpusMsg::Filtered(Box::new(f)));
    }
    let err = app.corpus.filter_error.clone().unwrap_or_default();
    assert!(err.contains("expected one of person"), "{err:?}");
    while app.corpus.filter != "-actor:germany" {
        app.handle_event(&key(KeyCode::Backspace));
    }
    app.handle_event(&key(KeyCode::Enter));
    pump(&mut app, &rx, |_| false, |app, _| !app.corpus.filtering());
    assert!(app.corpus.filter_error.is_none());
    assert!(!app.corpus.filter_pending());
    // Who appears with the actor under the cursor, over the filter's articles, is counted
    // on the thread too; the pane says so until it comes.
    assert!(app.corpus.counting_companions());
    assert!(stable_screen(&app).contains("counting…"));
    pump(
        &mut app,
        &rx,
        |_| false,
        |app, _| app.corpus.companions().is_some(),
    );
    let (a, with) = app.corpus.companions().unwrap();
    let l = app.corpus.loaded().unwrap();
    let inline = l
        .model
        .companions(&l.index, a, &app.corpus.subset, &app.corpus.rows[0])
        .unwrap();
    assert_eq!(with, &inline);
    assert!(!with.list.is_empty());
    assert!(!stable_screen(&app).contains("counting…"));
}

/// After `-actor:germany`: three of the four articles, and Germany in none of the rows.
fn assert_three_articles_without_germany(app: &App) {
    let l = app.corpus.loaded().unwrap();
    assert_eq!(l.model.count(&app.corpus.subset), 3);
    assert!(
        app.corpus.rows[0]
            .iter()
            .all(|r| l.model.actors[r.item].name != "Germany")
    );
}

/// With a loop to answer, Enter lists a row's articles from the filter thread: the pane
/// says "loading…" at once and takes keys; the page arrives as a message, and a page asked
/// for a list since left is dropped.
#[test]
fn enter_reads_the_articles_behind_a_row_off_the_loop() {
    use newslens::tui::Msg;
    use newslens::tui::corpus_view::CorpusMsg;
    let dir = corpus_dir();
    let mut app = reader(dir.path(), 120, 30);
    let (tx, rx) = std::sync::mpsc::channel();
    let cfg = config();
    let analyzer = Analyzer::new(&cfg.config).unwrap();
    app.corpus.context = Some(LoadContext::new(&cfg, Some(Arc::new(analyzer)), Some(tx)));
    press(&mut app, "c");
    pump(
        &mut app,
        &rx,
        |_| false,
        |app, _| app.corpus.loaded().is_some() && !app.corpus.filtering(),
    );
    // The pages the thread reads, kept back until asked for.
    let next_page = |app: &App| loop {
        match rx.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(Msg::Corpus(CorpusMsg::Behind(b))) => return *b,
            Ok(_) => {}
            Err(e) => panic!(
                "no page from the filter thread: {e} ({:?})",
                app.corpus.pane
            ),
        }
    };
    // France (4 articles): asked, not read yet.
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.corpus.pane, Pane::Articles);
    let a = app.corpus.articles.as_ref().unwrap();
    assert!(a.loading.is_some() && a.list.is_empty(), "{:?}", a.loading);
    assert_eq!(a.total, 4);
    assert!(stable_screen(&app).contains("loading…"));
    let france_page = next_page(&app);
    // Back to the rows, the next actor, Enter: the France page is no longer awaited.
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.corpus.articles.is_none());
    press(&mut app, "j");
    let second = app.corpus.actor_under_cursor().unwrap();
    app.handle_event(&key(KeyCode::Enter));
    app.corpus_message(CorpusMsg::Behind(Box::new(france_page)));
    let a = app.corpus.articles.as_ref().unwrap();
    assert!(
        a.list.is_empty() && a.loading.is_some(),
        "a stale page is dropped"
    );
    let page = next_page(&app);
    app.corpus_message(CorpusMsg::Behind(Box::new(page)));
    let a = app.corpus.articles.as_ref().unwrap();
    assert_eq!(a.loading, None);
    assert_eq!(a.list.len(), a.total);
    // The same articles as read in line, newest first.
    let l = app.corpus.loaded().unwrap();
    let want = l
        .model
        .articles_behind(&l.index, Behind::Actor(second), &Subset::All, 0, 100)
        .unwrap();
    assert!(!want.is_empty());
    assert_eq!(a.list, want);
    assert!(!stable_screen(&app).contains("loading…"));
}
