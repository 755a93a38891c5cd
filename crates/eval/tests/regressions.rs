//! One test per defect found by fuzzing the gold-file readers (fuzz target `eval_readers`,
//! docs/FUZZING.md), each with the input that showed it.

use dossier_eval::readers::recognizers::datetime_case;

/// A Recognizers-Text DateTime case with `End` = u64::MAX: the inclusive end plus one overflowed,
/// a panic in a build with overflow checks (the fuzz build, tests); and `Start` past `End` gave a
/// gold span running backwards. Both are malformed cases now, reported as errors.
#[test]
fn a_datetime_case_with_a_wild_span_is_an_error() {
    let case = |json: &str| datetime_case(&serde_json::from_str(json).unwrap());
    let overflow = case(r#"{"Input":"a","Results":[{"Start":0,"End":18446744073709551615}]}"#);
    assert!(overflow.is_err(), "{overflow:?}");
    let backwards = case(r#"{"Input":"abc","Results":[{"Start":2,"End":0}]}"#);
    assert!(backwards.is_err(), "{backwards:?}");
    // A well-formed case still reads, in bytes.
    let ok = case(r#"{"Input":"on Monday","Results":[{"Start":3,"End":8}]}"#).unwrap();
    assert_eq!((ok.gold[0].start, ok.gold[0].end), (3, 9));
}
