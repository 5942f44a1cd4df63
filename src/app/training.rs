//! Courses of the qualification, their sessions and who attended.

use crate::db::{Course, SessionInput};
use crate::error::Result;

use super::Session;

impl Session {
    pub fn courses(&self) -> Result<Vec<Course>> {
        self.store().courses()
    }

    /// Creates (`id` none) or renames a course.
    pub fn save_course(&mut self, id: Option<i64>, name: &str) -> Result<Course> {
        self.store_mut().save_course(id, name)
    }

    /// Adds (`session_id` none) or updates a session of a course; returns the whole course.
    pub fn save_course_session(
        &mut self,
        course_id: i64,
        session_id: Option<i64>,
        input: &SessionInput,
    ) -> Result<Course> {
        let today = self.today();
        self.store_mut()
            .save_session(course_id, session_id, input, today)
    }

    pub fn set_attendance(
        &mut self,
        session_id: i64,
        pilot_id: i64,
        present: bool,
    ) -> Result<Course> {
        self.store_mut()
            .set_attendance(session_id, pilot_id, present)
    }
}
