//! The config file: values, and every kind of error naming file, line and key.

use kanbao::config::{self, AmbiguousSetting, Config};
use kanbao::text::{width::AmbiguousWidth, wrap::LineBreakRule};

#[test]
fn values_are_read() {
    let (c, errors) = config::parse(
        "[reader]\nmeasure = 61\nparagraph_spacing = false\nfullwidth_punctuation = false\nline_breaking = \"strict\"\nambiguous_width = 2\n\n[theme]\naccent = \"#ff8800\"\n\n[keys.main]\nnext_article = [\"n\", \"ctrl-n\"]\nquit = \"x\"\n",
        "c.toml",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(c.reader.measure, 60, "rounded down to even");
    assert!(!c.reader.paragraph_spacing && !c.reader.fullwidth_punctuation);
    assert_eq!(c.reader.line_breaking, LineBreakRule::Strict);
    assert_eq!(
        c.reader.ambiguous_width,
        AmbiguousSetting::Fixed(AmbiguousWidth::Wide)
    );
    assert_eq!(c.theme.accent, "#ff8800");
    assert_eq!(c.keys["main"]["next_article"], ["n", "ctrl-n"]);
    assert_eq!(c.keys["main"]["quit"], ["x"]);
    let (auto, _) = config::parse("[reader]\nambiguous_width = \"auto\"\n", "c.toml");
    assert_eq!(auto.reader.ambiguous_width, AmbiguousSetting::Auto);
}

#[test]
fn empty_file_is_the_defaults() {
    let (c, errors) = config::parse("", "c.toml");
    assert!(errors.is_empty());
    assert_eq!(c, Config::default());
}

fn one_error(text: &str) -> String {
    let (c, errors) = config::parse(text, "/home/u/.config/kanbao/config.toml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(c.reader, Config::default().reader, "defaults stand in");
    errors[0].to_string()
}

#[test]
fn unknown_key_names_file_line_and_key() {
    assert_eq!(
        one_error("[reader]\nmeasure = 80\nmesure = 70\n"),
        "/home/u/.config/kanbao/config.toml:3: reader.mesure: unknown key"
    );
    assert!(
        one_error("\n[colours]\na = 1\n")
            .starts_with("/home/u/.config/kanbao/config.toml:2: colours: unknown section")
    );
}

#[test]
fn bad_values_name_the_key() {
    let e = one_error("[reader]\n\nline_breaking = \"loose\"\n");
    assert!(
        e.starts_with("/home/u/.config/kanbao/config.toml:3: reader.line_breaking: expected"),
        "{e}"
    );
    let e = one_error("[reader]\nmeasure = 5\n");
    assert!(e.contains(":2: reader.measure: expected a width"), "{e}");
    let e = one_error("[reader]\nambiguous_width = 3\n");
    assert!(e.contains("reader.ambiguous_width"), "{e}");
    let e = one_error("[theme]\naccent = \"chartreuse-ish\"\n");
    assert!(e.contains(":2: theme.accent: expected a colour"), "{e}");
    let e = one_error("[keys.main]\nquit = 3\n");
    assert!(e.contains(":2: keys.main.quit: expected a key"), "{e}");
}

#[test]
fn syntax_errors_have_a_line() {
    let e = one_error("[reader]\nmeasure = \n");
    assert!(
        e.starts_with("/home/u/.config/kanbao/config.toml:2: "),
        "{e}"
    );
}

#[test]
fn missing_files() {
    let (c, errors) = config::load(std::path::Path::new("/nonexistent/kanbao.toml"), false);
    assert!(errors.is_empty());
    assert_eq!(c, Config::default());
    let (_, errors) = config::load(std::path::Path::new("/nonexistent/kanbao.toml"), true);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("/nonexistent/kanbao.toml: ")
    );
}
