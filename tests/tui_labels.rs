//! Panel labels cut to the panel's width stay tellable apart (issue 9, item 8): two tensions
//! whose labels share a long start are drawn with their different ends, at 80x24 and 140x40.

mod tui_common;

use tui_common::*;

#[test]
fn tensions_cut_at_the_same_point_show_where_they_differ() {
    let (article, mut analysis) = togo();
    let mut second = analysis.tensions[0].clone();
    analysis.tensions[0].label =
        "The West and human rights groups vs the government of China".into();
    second.id = "west-vs-russia".into();
    second.label = "The West and human rights groups vs the government of Russia".into();
    analysis.tensions.push(second);
    for (w, h) in [(80u16, 24u16), (140, 40)] {
        let app = app_with(vec![(article.clone(), analysis.clone())], w, h);
        let area = app.areas().panels[2].expect("the Tensions panel");
        let text = screen(&render(&app));
        let rows: Vec<String> = text
            .lines()
            .skip(usize::from(area.y) + 1)
            .take(2)
            .map(|l| {
                l.chars()
                    .skip(usize::from(area.x))
                    .take(usize::from(area.width))
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 2, "{text}");
        assert!(rows[0].contains("The West"), "{w}x{h}: {text}");
        assert!(rows[1].contains("The West"), "{w}x{h}: {text}");
        assert_ne!(rows[0], rows[1], "{w}x{h}: labels look the same: {text}");
        assert!(
            rows[0].contains("Chin") || rows[1].contains("Chin"),
            "{w}x{h}: the differing end is not shown: {rows:?}"
        );
        assert!(
            rows[0].contains("Russ") || rows[1].contains("Russ"),
            "{w}x{h}: the differing end is not shown: {rows:?}"
        );
    }
}
