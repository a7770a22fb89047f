//! `textDocument/diagnostic`: the diagnostics of one document, for clients that pull them.

use crate::server::publish::lsp_diagnostics;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The document's diagnostics (none before the first index: they would be false alarms).
pub fn diagnostic(
    snapshot: &Snapshot,
    _: DocumentDiagnosticParams,
) -> Result<Option<DocumentDiagnosticReportResult>> {
    let items = if snapshot.vault.indexed {
        lsp_diagnostics(
            snapshot.workspace(),
            &snapshot.path,
            snapshot.vault.encoding,
        )
    } else {
        Vec::new()
    };
    Ok(Some(report(items)))
}

/// A full report of these diagnostics.
pub fn report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
}
