//! Each theme of the shipped taxonomy wins on a paragraph written about it.

use newslens::analysis::themes::ThemeScorer;
use newslens::config;
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::path::PathBuf;

fn article(body: &str) -> Article {
    Article {
        id: "t".into(),
        path: PathBuf::from("t.md"),
        root: std::path::Path::new(".").into(),
        format: Format::PlainText,
        meta: Meta::default(),
        title: String::new(),
        body: body.into(),
        sections: vec![Section {
            span: Span::new(0, body.len()),
            heading: None,
        }],
    }
}

const PARAGRAPHS: &[(&str, &str)] = &[
    (
        "diplomacy",
        "The foreign minister flew to Addis Ababa for a summit of the African Union, where envoys held bilateral talks and the ambassador presented a joint statement on mediation between the two neighbours.",
    ),
    (
        "security",
        "The junta that seized power in last year's coup has deployed troops and special forces to the north, where jihadist militants attacked a military base; the defence minister announced a new counter-terrorism operation.",
    ),
    (
        "conflict",
        "Fighting between the army and rebel militias killed dozens of civilians; shelling and airstrikes forced thousands to flee as the ceasefire collapsed and the death toll rose.",
    ),
    (
        "governance",
        "Parliament approved the constitutional reform after the cabinet reshuffle; the prime minister said the new government would fight corruption and decentralise public institutions.",
    ),
    (
        "elections",
        "Voters queued at polling stations from dawn; the electoral commission said turnout was high, and the opposition candidate rejected the results of the presidential election, calling for a recount before the runoff.",
    ),
    (
        "human-rights",
        "Rights groups said the crackdown on protesters violated freedom of assembly; Amnesty International documented arbitrary detention, torture and the arrest of journalists, and called for the release of political prisoners.",
    ),
    (
        "economy",
        "Inflation slowed to 4 percent and the central bank held interest rates, while the IMF raised its GDP growth forecast; investors welcomed the budget, though public debt and unemployment remain high.",
    ),
    (
        "trade",
        "Tariffs on imported rice rose as the port handled record container traffic; shipping lines and freight forwarders said customs delays at the border slowed exports along the transit corridor to landlocked neighbours.",
    ),
    (
        "energy",
        "The new solar plant adds 50 megawatts to the grid, easing power cuts; the government also plans a gas pipeline and wants to cut fuel subsidies as oil prices fall.",
    ),
    (
        "environment",
        "Coastal erosion and flooding have swallowed whole villages; scientists link the rising sea level and the longer droughts to climate change, and campaigners want deforestation stopped.",
    ),
    (
        "health",
        "A cholera outbreak has overwhelmed hospitals in the capital; the health ministry launched a vaccination campaign as doctors and nurses treat patients in makeshift clinics, with malaria cases also rising.",
    ),
    (
        "migration",
        "Thousands of migrants and refugees crossed the desert towards the Mediterranean; the UNHCR said asylum seekers in the camps lacked water, and several boats capsized as smugglers overloaded them.",
    ),
    (
        "technology",
        "Mobile money and fintech start-ups are booming as internet access spreads; the telecom regulator wants a data centre and an undersea cable, and officials warned of cyberattacks on government software.",
    ),
    (
        "justice",
        "The court sentenced the former minister to ten years in prison for embezzlement; his lawyers said they would appeal the verdict, and prosecutors opened a new investigation into money laundering.",
    ),
    (
        "society",
        "Teachers went on strike over pay as schools reopened; religious leaders, from imams to Catholic bishops, urged families to keep children in education, and youth unemployment worries many communities.",
    ),
    (
        "culture",
        "The film festival opened with a new Nollywood movie; musicians, artists and writers filled the museum, and the director called for the restitution of looted heritage artefacts.",
    ),
    (
        "sport",
        "The national football team beat the champions in the Africa Cup of Nations semi-final; the striker scored twice, the goalkeeper saved a penalty kick and fans filled the stadium.",
    ),
];

#[test]
fn each_theme_wins_on_its_own_paragraph() {
    let scorer = ThemeScorer::new(&config::defaults().themes).unwrap();
    let mut misses = Vec::new();
    for (id, text) in PARAGRAPHS {
        let themes = scorer.score(&article(text), &[]);
        let top = themes.first().map(|t| t.id.as_str()).unwrap_or("-");
        if top != *id {
            let ranked: Vec<String> = themes
                .iter()
                .map(|t| format!("{} {:.2}", t.id, t.score))
                .collect();
            misses.push(format!("{id}: got {ranked:?}"));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}
