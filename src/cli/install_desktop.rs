//! `vsmap install-desktop`: makes the desktop know vsmap, for the user
//! alone: a `.desktop` entry (so maps open with a double-click and vsmap is
//! in the application menu), the icon, and the MIME type of `*.vsmap.json`,
//! in the user's data folder (`~/.local/share` on Linux). `--uninstall`
//! removes exactly those files. It says each file it writes or removes.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};

/// Arguments of `vsmap install-desktop`.
#[derive(Debug, Args)]
pub struct InstallDesktopArgs {
    /// Remove what install-desktop wrote.
    #[arg(long)]
    pub uninstall: bool,
    /// The data folder to use instead of the user's (for packaging and tests).
    #[arg(long, value_name = "DIR", hide = true)]
    pub data_dir: Option<PathBuf>,
}

/// The MIME type of maps.
pub const MIME_TYPE: &str = "application/x-vsmap+json";

const ICON_SVG: &[u8] = include_bytes!("../../assets/icon/vsmap.svg");
const ICON_256: &[u8] = include_bytes!("../../assets/icon/vsmap-256.png");
const ICON_64: &[u8] = include_bytes!("../../assets/icon/vsmap-64.png");

/// The files, relative to the data folder, with their content.
fn files(exe: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let desktop = format!(
        "[Desktop Entry]\nType=Application\nName=vsmap\nGenericName=Value stream map editor\nComment=Draw value stream maps and see the architecture anti-patterns that fight the flow of work\nExec=\"{}\" %f\nIcon=vsmap\nTerminal=false\nCategories=Development;Office;Graphics;\nMimeType={MIME_TYPE};\nStartupWMClass=vsmap\n",
        exe.display()
    );
    let mime = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mime-info xmlns=\"http://www.freedesktop.org/standards/shared-mime-info\">\n  <mime-type type=\"{MIME_TYPE}\">\n    <comment>Value stream map</comment>\n    <sub-class-of type=\"application/json\"/>\n    <glob pattern=\"*.vsmap.json\" weight=\"60\"/>\n    <icon name=\"vsmap\"/>\n  </mime-type>\n</mime-info>\n"
    );
    vec![
        (
            PathBuf::from("applications/vsmap.desktop"),
            desktop.into_bytes(),
        ),
        (PathBuf::from("mime/packages/vsmap.xml"), mime.into_bytes()),
        (
            PathBuf::from("icons/hicolor/scalable/apps/vsmap.svg"),
            ICON_SVG.to_vec(),
        ),
        (
            PathBuf::from("icons/hicolor/256x256/apps/vsmap.png"),
            ICON_256.to_vec(),
        ),
        (
            PathBuf::from("icons/hicolor/64x64/apps/vsmap.png"),
            ICON_64.to_vec(),
        ),
    ]
}

/// Installs or uninstalls; returns the exit code.
pub fn run(args: &InstallDesktopArgs, out: &mut dyn Write) -> u8 {
    // The files are freedesktop.org's; other desktops read none of them.
    let freedesktop = cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ));
    if !freedesktop && args.data_dir.is_none() {
        eprintln!(
            "error: install-desktop sets up Linux and BSD desktops; on Windows and macOS, open a *.vsmap.json file with \"Open with…\", choose vsmap and keep it as the default"
        );
        return EXIT_LOAD_ERROR;
    }
    let data = match args
        .data_dir
        .clone()
        .or_else(|| directories::BaseDirs::new().map(|b| b.data_local_dir().to_path_buf()))
    {
        Some(d) => d,
        None => {
            eprintln!("error: no home folder to install into");
            return EXIT_LOAD_ERROR;
        }
    };
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("vsmap"));
    for (relative, bytes) in files(&exe) {
        let path = data.join(relative);
        let done = if args.uninstall {
            match std::fs::remove_file(&path) {
                Ok(()) => writeln!(out, "removed {}", path.display()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => {
                    eprintln!("error: {}: cannot remove: {e}", path.display());
                    return EXIT_LOAD_ERROR;
                }
            }
        } else {
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| crate::io::write_atomic(&path, &bytes));
            if let Err(e) = written {
                eprintln!("error: {}: cannot write: {e}", path.display());
                return EXIT_LOAD_ERROR;
            }
            writeln!(out, "wrote {}", path.display())
        };
        if done.is_err() {
            return EXIT_LOAD_ERROR;
        }
    }
    // The desktop's caches, where their tools are installed; without them
    // the files take effect at the next login.
    for (tool, folder) in [
        ("update-mime-database", data.join("mime")),
        ("update-desktop-database", data.join("applications")),
    ] {
        if let Ok(status) = std::process::Command::new(tool)
            .arg(&folder)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            && status.success()
        {
            let _ = writeln!(out, "ran {tool} {}", folder.display());
        }
    }
    EXIT_OK
}
