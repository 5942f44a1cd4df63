fn main() {
    // Only these app commands are callable from the window (see capabilities/default.json).
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "app_state",
            "reference_data",
            "load_demo",
            "list_pilots",
            "get_pilot",
            "find_duplicates",
            "save_pilot",
            "pilot_record",
            "change_status",
            "save_screening",
            "add_test_attempt",
            "list_courses",
            "save_course",
            "save_session",
            "set_attendance",
            "due_list",
            "get_settings",
            "save_settings",
            "coverage",
            "save_district",
            "set_municipality_district",
            "print_document",
            "print_coverage_report",
            "save_coverage_report",
        ]),
    ))
    .expect("failed to run tauri-build");
}
