//! The build script: a Windows executable gets its icon (Explorer, the
//! taskbar, the Start menu) and version information as resources; for any
//! other target it does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/vsmap.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut resources = winresource::WindowsResource::new();
        resources.set_icon("assets/icon/vsmap.ico");
        if let Err(e) = resources.compile() {
            // The program works without them; say so rather than fail.
            println!("cargo:warning=the Windows icon and version were not embedded: {e}");
        }
    }
}
