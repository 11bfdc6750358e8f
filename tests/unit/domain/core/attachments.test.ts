import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanAttachmentName } from '../../../../renderer/src/domain/core/attachments';

describe('cleanAttachmentName', () => {
  it.each([
    ['现场照片.jpg', '现场照片.jpg'],
    // A right-to-left override makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['report\u2066.pdf\u2069.exe', 'report.pdf.exe'],
    ['\u200Bhidden\u200D name\uFEFF.docx', 'hidden name.docx'],
    ['line\nbreak\t.pdf', 'linebreak.pdf'],
    ['bell\u0007\u0085.png', 'bell.png'],
    ['..\\..\\windows/system32.pdf', '.._.._windows_system32.pdf'],
    ['  \u202E  ', 'attachment'],
    ['e\u0301.pdf', 'é.pdf'],
  ])('%j → %j', (name, want) => {
    expect(cleanAttachmentName(name)).toBe(want);
  });
});

describe('checkAttachment', () => {
  it.each([
    // name, MIME the browser reported, outcome
    ['验收报告.pdf', 'application/pdf', 'pdf'],
    ['现场.JPG', 'image/jpeg', 'image'],
    ['截图.png', '', 'image'],
    ['扫描件.tiff', 'image/tiff', 'image'],
    ['合同.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'office'],
    ['台账.xlsx', 'application/octet-stream', 'office'],
    ['汇报.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'office'],
    ['公文.wps', 'application/kswps', 'office'],
    ['工单导出.csv', 'text/csv', 'office'],
    ['工单导出.csv', 'application/vnd.ms-excel', 'office'],
    ['监控月报.txt', 'text/plain; charset=utf-8', 'office'],
    ['setup.exe', 'application/x-msdownload', 'type'],
    ['invoice\u202Efdp.exe', 'application/pdf', 'type'],
    ['图标.svg', 'image/svg+xml', 'type'],
    ['宏.xlsm', 'application/vnd.ms-excel.sheet.macroEnabled.12', 'type'],
    ['page.html', 'text/html', 'type'],
    ['no-extension', 'application/pdf', 'type'],
    ['report.pdf', 'text/html', 'mime'],
    ['photo.jpg', 'image/svg+xml', 'mime'],
  ])('%j (%j) → %s', (name, mime, want) => {
    const r = checkAttachment(name, mime);
    expect(r.ok ? r.kind : r.reason).toBe(want);
  });
});
