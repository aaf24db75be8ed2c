/** The report page's style sheet, inline (the page loads nothing). System fonts only. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0 0 16px;color:#57606a}
h2{font-size:16px;margin:0 0 8px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:0 0 16px}
.needs-you{border-left:6px solid #d1242f}
.needs-you.clear{border-left-color:#1f883d}
.needs-you ul{list-style:none;margin:0;padding:0}
.needs-you li{display:grid;grid-template-columns:190px 1fr;gap:8px;padding:6px 0;border-top:1px solid #eaeef2}
.needs-you li:first-child{border-top:0}
.badge{font-weight:600;color:#9a6700}
.kind-escalated .badge,.kind-handed-over .badge,.kind-ci-failing .badge,.kind-spend-stop .badge{color:#d1242f}
.title{color:#57606a}
.reason{color:#1f2328}
.tiles{display:flex;flex-wrap:wrap;gap:8px}
.tile{flex:1 1 140px;border:1px solid #eaeef2;border-radius:6px;padding:8px 10px}
.tile b{display:block;font-size:20px}
.tile span{color:#57606a;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0}
figcaption{color:#57606a;font-size:12px;text-align:center}
table{border-collapse:collapse;width:100%;margin:0 0 8px}
th,td{text-align:left;padding:4px 8px;border-top:1px solid #eaeef2;vertical-align:top}
th{color:#57606a;font-weight:600}
td.n,th.n{text-align:right}
footer{color:#57606a;font-size:12px}
`;
