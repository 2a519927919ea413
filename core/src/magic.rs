//! What a file's first bytes say it is: the one check of a file's kind by its magic bytes, used
//! by `identify`, the questionnaire and posture readers and the export. Imports nothing of ours.

/// A kind of file told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magic {
    /// A zip package: `.xlsx`, `.ods`, `.xlsb`, or any zip archive.
    Zip,
    /// An OLE compound file: `.xls` (and old Office documents).
    Ole,
    Pdf,
    Png,
    Jpeg,
    Gif,
    Gzip,
    Rtf,
}

/// The first bytes of each kind.
const MAGIC: [(&[u8], Magic); 8] = [
    (b"PK\x03\x04", Magic::Zip),
    (&[0xD0, 0xCF, 0x11, 0xE0], Magic::Ole),
    (b"%PDF", Magic::Pdf),
    (b"\x89PNG", Magic::Png),
    (b"\xFF\xD8\xFF", Magic::Jpeg),
    (b"GIF8", Magic::Gif),
    (b"\x1F\x8B", Magic::Gzip),
    (b"{\\rtf", Magic::Rtf),
];

/// What the bytes start as, if any known kind.
pub fn magic(bytes: &[u8]) -> Option<Magic> {
    MAGIC.iter().find(|(head, _)| bytes.starts_with(head)).map(|&(_, kind)| kind)
}

/// A zip package (`.xlsx`, `.ods`, …).
pub fn is_zip(bytes: &[u8]) -> bool {
    magic(bytes) == Some(Magic::Zip)
}

/// A workbook by its bytes: a zip package or an OLE `.xls`.
pub fn is_workbook(bytes: &[u8]) -> bool {
    matches!(magic(bytes), Some(Magic::Zip | Magic::Ole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_first_bytes() {
        assert_eq!(magic(b"PK\x03\x04rest"), Some(Magic::Zip));
        assert_eq!(magic(&[0xD0, 0xCF, 0x11, 0xE0, 0]), Some(Magic::Ole));
        assert_eq!(magic(b"%PDF-1.7"), Some(Magic::Pdf));
        assert_eq!(magic(b"\x89PNG\r\n"), Some(Magic::Png));
        assert_eq!(magic(b"id,question"), None);
        assert!(is_workbook(b"PK\x03\x04") && is_workbook(&[0xD0, 0xCF, 0x11, 0xE0]));
        assert!(!is_workbook(&[0xD0, 0xCF, 0, 0]) && !is_zip(b"PK"));
    }
}
