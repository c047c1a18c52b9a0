//! `id` in `[trip]`: the trip's identity on a calendar server (`publish`),
//! checked like a person's id.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use itinerary::load::load_str;

fn trip(id: &str) -> String {
    format!("[trip]\ntitle = \"T\"\nid = {id}\nstart = 2019-04-08\nend = 2019-04-08\n")
}

#[test]
fn an_id_is_read() {
    let loaded = load_str(&trip("\"spring-2019\"")).unwrap();
    assert_eq!(loaded.trip.id.as_deref(), Some("spring-2019"));
    let loaded = load_str(&trip("\"spring-2019\"").replace("id = \"spring-2019\"\n", "")).unwrap();
    assert_eq!(loaded.trip.id, None);
}

#[test]
fn an_id_with_other_characters_is_an_error_that_says_how_to_write_it() {
    let text = trip("\"Spring 2019\"");
    let errors = load_str(&text).err().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(
        e.message,
        "trip id \"Spring 2019\" may hold only a-z, 0-9, `_` and `-`"
    );
    assert_eq!(e.help.as_deref(), Some("write it as id = \"spring-2019\""));
    assert_eq!(&text[e.span.clone().unwrap()], "\"Spring 2019\"");
    let errors = load_str(&trip("\"日本\"")).err().unwrap();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("use a short latin id such as id = \"japan-2018\"")
    );
    assert!(load_str(&trip("12")).is_err());
}
