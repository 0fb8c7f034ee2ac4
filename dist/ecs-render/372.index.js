export const id = 372;
export const ids = [372];
export const modules = {

/***/ 7372:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionDeps: () => (/* binding */ actionDeps)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _lib_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9830);


/**
 * The runner-backed dependencies of runEcsRender. The ECS client module is imported only when a
 * task definition has to be fetched, so rendering a file never loads the AWS SDK.
 */
function actionDeps() {
    return {
        fetchTaskDefinition: async (source) => {
            const { createEcsClient, fetchTaskDefinition } = await Promise.all(/* import() */[__webpack_require__.e(212), __webpack_require__.e(483)]).then(__webpack_require__.bind(__webpack_require__, 6483));
            const client = createEcsClient(source.region);
            try {
                return await fetchTaskDefinition(client, source);
            }
            finally {
                client.destroy();
            }
        },
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
        warning: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message),
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value),
        appendSummary: (markdown) => (0,_lib_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .appendJobSummary */ .I1)(markdown),
    };
}


/***/ }),

/***/ 9830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   I1: () => (/* binding */ appendJobSummary),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports STEP_SUMMARY_LIMIT_BYTES, codeBlock, details, fitToBytes */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);

/** GitHub rejects a step summary larger than 1 MiB. */
const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Escapes text so it shows literally in markdown and cannot open HTML, links or code spans. */
function escapeMarkdown(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
        .replace(/\r?\n/g, ' ');
}
/** Inline code that survives backticks inside the value. */
function inlineCode(text) {
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
/** A fenced code block whose fence is longer than any backtick run inside. */
function codeBlock(text, language = '') {
    const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}
/** A markdown table; cells are escaped unless already formatted by `inlineCode`. */
function markdownTable(headers, rows) {
    const line = (cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
    return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
/** A collapsible section. */
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** Cuts markdown to `limitBytes` (UTF-8) at a line boundary, saying that it was cut. */
function fitToBytes(markdown, limitBytes, notice = '\n\n_… cut to fit the size limit._\n') {
    if (Buffer.byteLength(markdown, 'utf8') <= limitBytes)
        return markdown;
    const budget = limitBytes - Buffer.byteLength(notice, 'utf8');
    let cut = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8');
    cut = cut.replace(/\uFFFD$/, '');
    const lastNewline = cut.lastIndexOf('\n');
    return `${lastNewline > 0 ? cut.slice(0, lastNewline) : cut}${notice}`;
}
/** Appends markdown to the step summary, kept under GitHub's 1 MiB limit. */
async function appendJobSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(fitToBytes(markdown, STEP_SUMMARY_LIMIT_BYTES), true).write();
}


/***/ })

};
