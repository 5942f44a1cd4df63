//! A memory limit for WebKitGTK's web process, so that its memory pressure handler gives back what the page no
//! longer uses.
//!
//! Without one, WebKit takes the machine's RAM (at most 3 GB) as the limit and starts releasing memory only at a
//! third of it, so in practice never: every screen shown leaves its old tables' renderers, styles and JavaScript
//! garbage behind until a rare garbage collection, and the app grew ≈ 20 % an hour at a person's pace (30 pilots,
//! one screen every 2 s). With a limit of [`WEB_MEMORY_MB`], WebKit measures the process every [`POLL_SECONDS`] and,
//! above half of the limit, collects garbage, drops detached renderers and caches and returns free pages to the
//! system (above a third it only prunes caches). Measured with benches/app.mjs at that pace: 120 MB let the web
//! process's private memory go from 50 to 75 MB before it was given back (an hour: +4.8 %/h by the slope, +8 % from
//! the first to the last minute); 80 MB gives it back at ≈ 56 MB (an hour: 247 → 255 MB in all, +2.2 %/h by the
//! slope, within 245–265 MB), with the screens as fast as before. With 10,000 pilots the page stays above half of 80 MB, so WebKit tidies up every 10 s
//! and a screen met after a pause draws 30–80 ms later (still within 0.3 s; README, Leistung).
//!
//! The limit is a construct-only property of WebKitWebContext, and wry builds that context itself, with no way to
//! pass it. So this module wraps the class's GObject constructor: every web context made afterwards gets the limit,
//! unless whoever makes it gives its own. `LOTSEN_WEB_MEMORY_MB` sets another limit, 0 keeps WebKit's default (for
//! side-by-side measurements).
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use webkit2gtk::ffi;
use webkit2gtk::glib::{ffi::GType, gobject_ffi};

/// The web process's memory limit in MB. Its private memory is ≈ 45–50 MB after the first screens (30 pilots; 60 with
/// 10,000), and WebKit's measure of it somewhat less, so half of 80 MB is reached after a few minutes of work.
pub const WEB_MEMORY_MB: u32 = 80;
/// How often WebKit measures the web process (its default is 30 s).
pub const POLL_SECONDS: f64 = 10.0;
const PROPERTY: &CStr = c"memory-pressure-settings";

type Constructor = unsafe extern "C" fn(
    GType,
    u32,
    *mut gobject_ffi::GObjectConstructParam,
) -> *mut gobject_ffi::GObject;

/// WebKitWebContext's own constructor and the settings every new context gets (a pointer kept for the process).
static WRAPPED: OnceLock<(Constructor, usize)> = OnceLock::new();
/// How many web contexts got the limit (read by the tests).
static CONTEXTS_LIMITED: AtomicUsize = AtomicUsize::new(0);

/// Gives every web context made from now on the memory limit (of `LOTSEN_WEB_MEMORY_MB` if set, else
/// [`WEB_MEMORY_MB`]). Call before the first window; a second call changes nothing.
pub fn limit_web_memory() {
    let mb = match std::env::var("LOTSEN_WEB_MEMORY_MB") {
        Ok(value) => match value.trim().parse::<u32>() {
            Ok(mb) => mb,
            Err(_) => {
                // Before the log exists: to the terminal of whoever set it.
                eprintln!("LOTSEN_WEB_MEMORY_MB ist keine ganze Zahl von MB: {value:?}; es gilt {WEB_MEMORY_MB}");
                WEB_MEMORY_MB
            }
        },
        Err(_) => WEB_MEMORY_MB,
    };
    if mb > 0 {
        limit_web_memory_to(mb);
    }
}

fn limit_web_memory_to(mb: u32) {
    // SAFETY: the class is referenced for the life of the process, so the pointer stays valid; its constructor is
    // replaced once (the OnceLock), at start before any window exists, and the replacement calls the original with
    // the same arguments.
    unsafe {
        let class = gobject_ffi::g_type_class_ref(ffi::webkit_web_context_get_type())
            as *mut gobject_ffi::GObjectClass;
        if gobject_ffi::g_object_class_find_property(class, PROPERTY.as_ptr()).is_null() {
            eprintln!("Diese WebKitGTK-Fassung kennt keine Speichergrenze für die Seite");
            return;
        }
        let Some(original) = (*class).constructor else {
            return;
        };
        let mut installed = false;
        WRAPPED.get_or_init(|| {
            let settings = ffi::webkit_memory_pressure_settings_new();
            ffi::webkit_memory_pressure_settings_set_memory_limit(settings, mb);
            ffi::webkit_memory_pressure_settings_set_poll_interval(settings, POLL_SECONDS);
            installed = true;
            (original, settings as usize)
        });
        if installed {
            (*class).constructor = Some(construct_with_limit);
        }
    }
}

/// WebKitWebContext's constructor with the memory limit filled in where no one gave settings. GObject passes every
/// construct property, those not given with their default (here: none).
unsafe extern "C" fn construct_with_limit(
    type_: GType,
    n: u32,
    params: *mut gobject_ffi::GObjectConstructParam,
) -> *mut gobject_ffi::GObject {
    let (original, settings) = *WRAPPED.get().expect("installed with the settings");
    for i in 0..n as usize {
        let param = &*params.add(i);
        if CStr::from_ptr(gobject_ffi::g_param_spec_get_name(param.pspec)) == PROPERTY
            && gobject_ffi::g_value_get_boxed(param.value).is_null()
        {
            // Copies the settings (boxed); GObject frees the copy with the value.
            gobject_ffi::g_value_set_boxed(param.value, settings as *const _);
            CONTEXTS_LIMITED.fetch_add(1, Ordering::Relaxed);
        }
    }
    original(type_, n, params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use webkit2gtk::glib::prelude::*;
    use webkit2gtk::{MemoryPressureSettings, WebContext};

    #[test]
    fn web_contexts_get_the_limit_unless_they_bring_their_own() {
        gtk::init().expect("GTK needs a display (the tests run under Xvfb)");
        limit_web_memory_to(WEB_MEMORY_MB);
        let before = CONTEXTS_LIMITED.load(Ordering::Relaxed);
        let _plain = WebContext::builder().build();
        assert_eq!(
            CONTEXTS_LIMITED.load(Ordering::Relaxed),
            before + 1,
            "a context as wry makes it"
        );

        let own = MemoryPressureSettings::new();
        let _given: WebContext = webkit2gtk::glib::Object::builder()
            .property("memory-pressure-settings", own.to_value())
            .build();
        assert_eq!(
            CONTEXTS_LIMITED.load(Ordering::Relaxed),
            before + 1,
            "settings given are kept"
        );
    }
}
