export const id = 629;
export const ids = [629];
export const modules = {

/***/ 1629:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  STS_DEADLINE_MS: () => (/* binding */ STS_DEADLINE_MS),
  runAwsCredentials: () => (/* binding */ runAwsCredentials)
});

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/secrets.js
var secrets = __webpack_require__(9335);
// EXTERNAL MODULE: ./.build/scratch/js/src/aws-credentials/assume-role.js + 3 modules
var assume_role = __webpack_require__(2136);
// EXTERNAL MODULE: ./.build/scratch/js/src/aws-credentials/credential-env.js
var credential_env = __webpack_require__(4740);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/summary.js
var summary = __webpack_require__(9830);
;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/job-summary.js


/**
 * The step summary: who the job now is, for how long, and the exact effective session policy, so a
 * reviewer can see what the job could do without reading the workflow. Masked values (the account
 * ID with mask-aws-account-id) are redacted here because summaries are not masked by the runner.
 */
function renderJobSummary(inputs, session) {
    const rows = [
        ['Role', (0,summary/* inlineCode */.ti)(inputs.role.arn)],
        ['Authenticated as', (0,summary/* inlineCode */.ti)(session.assumedRoleArn)],
        ['Via', inputs.chainFrom ? 'sts:AssumeRole (role chaining)' : `sts:AssumeRoleWithWebIdentity, audience ${(0,summary/* inlineCode */.ti)(inputs.audience)}`],
        ['Session name', (0,summary/* inlineCode */.ti)(inputs.sessionName)],
        ['Duration', `${inputs.durationSeconds} s (expires ${session.credentials.expiration.toISOString()})`],
        ['Region', (0,summary/* inlineCode */.ti)(inputs.region)],
    ];
    const parts = ['## AWS credentials', '', (0,summary/* markdownTable */.Qj)(['', ''], rows), ''];
    if (inputs.sessionPolicy) {
        const { document, minified, sources } = inputs.sessionPolicy;
        parts.push(`### Effective session policy`, '', `From ${sources.map(summary/* inlineCode */.ti).join(' + ')}; ${minified.length.toLocaleString('en-US')} of 2,048 characters minified.`, '', (0,summary/* codeBlock */.DV)(JSON.stringify(document, null, 2), 'json'), '');
    }
    if (inputs.managedPolicyArns.length > 0) {
        parts.push('### Managed session policies', '', ...inputs.managedPolicyArns.map((arn) => `- ${(0,summary/* inlineCode */.ti)(arn)}`), '');
    }
    if (!inputs.sessionPolicy && inputs.managedPolicyArns.length === 0) {
        parts.push("No session policy: the session has all of the role's permissions.", '');
    }
    return (0,secrets/* redactSecrets */.f)(parts.join('\n'));
}

// EXTERNAL MODULE: ./.build/scratch/js/src/aws-credentials/renewable-session.js
var renewable_session = __webpack_require__(4311);
;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/run.js





/** Overall budget for all STS attempts of one step. */
const STS_DEADLINE_MS = 120_000;
async function runAwsCredentials(inputs, deps) {
    if (inputs.maskAwsAccountId)
        (0,secrets/* maskSecret */.$)(inputs.role.accountId);
    if (inputs.unsetCurrentCredentials) {
        // Later steps must not pick up the old identity, even when the new one is not exported.
        for (const name of credential_env/* CREDENTIAL_ENV */.c)
            deps.exportVariable(name, '');
    }
    const request = {
        role: inputs.role,
        sessionName: inputs.sessionName,
        durationSeconds: inputs.durationSeconds,
        ...(inputs.sessionPolicy ? { policy: inputs.sessionPolicy.minified } : {}),
        managedPolicyArns: inputs.managedPolicyArns,
    };
    const policyNote = [
        ...(inputs.sessionPolicy?.sources ?? []),
        ...(inputs.managedPolicyArns.length > 0 ? [`${inputs.managedPolicyArns.length} managed policies`] : []),
    ];
    deps.info(`Assuming ${inputs.role.arn} as session ${inputs.sessionName} for ${inputs.durationSeconds} s` +
        `${inputs.chainFrom ? ' with the current credentials (role chaining)' : ` with a GitHub OIDC token for audience ${inputs.audience}`}` +
        `${policyNote.length > 0 ? `; session policy: ${policyNote.join(' + ')}` : ''}`);
    const stsDeps = { retry: { maxAttempts: inputs.retryMaxAttempts, deadlineMs: STS_DEADLINE_MS, ...deps.retry }, log: deps.info };
    const session = inputs.chainFrom
        ? await (0,assume_role.assumeRoleWithCredentials)(request, previousRoleArn(inputs.chainFrom.previous), {
            ...stsDeps,
            sts: deps.createSts(inputs.region, inputs.chainFrom.credentials),
        })
        : await (0,assume_role.assumeRoleWithWebIdentity)(request, inputs.audience, {
            ...stsDeps,
            sts: deps.createSts(inputs.region),
            getIdToken: deps.getIdToken,
        });
    deps.info(`Authenticated as ${session.assumedRoleArn} until ${session.credentials.expiration.toISOString()}`);
    writeOutputs(inputs, session, deps);
    const renewable = renewableSession(inputs, request);
    if (renewable)
        for (const [name, value] of Object.entries((0,renewable_session/* renewableSessionEnv */.Xx)(renewable)))
            deps.exportVariable(name, value);
    await deps.writeSummary(renderJobSummary(inputs, session));
    return session;
}
function writeOutputs(inputs, session, deps) {
    const { credentials } = session;
    deps.setOutput('aws-account-id', session.accountId);
    deps.setOutput('authenticated-arn', session.assumedRoleArn);
    deps.setOutput('aws-expiration', credentials.expiration.toISOString());
    if (inputs.outputCredentials) {
        deps.setOutput('aws-access-key-id', credentials.accessKeyId);
        deps.setOutput('aws-secret-access-key', credentials.secretAccessKey);
        deps.setOutput('aws-session-token', credentials.sessionToken);
    }
    // As configure-aws-credentials: the region always, the credentials unless output-env-credentials is false.
    deps.exportVariable('AWS_REGION', inputs.region);
    deps.exportVariable('AWS_DEFAULT_REGION', inputs.region);
    if (inputs.outputEnvCredentials) {
        deps.exportVariable('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
        deps.exportVariable('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
        deps.exportVariable('AWS_SESSION_TOKEN', credentials.sessionToken);
        deps.saveState(credential_env/* EXPORTED_STATE */.e, 'true');
    }
}
/** What ecs-deploy needs to redo this step; undefined when chaining from credentials we cannot recreate. */
function renewableSession(inputs, request) {
    const hop = {
        roleArn: request.role.arn,
        sessionName: request.sessionName,
        durationSeconds: request.durationSeconds,
        ...(request.policy ? { policy: request.policy } : {}),
        managedPolicyArns: request.managedPolicyArns,
    };
    if (!inputs.chainFrom)
        return { region: inputs.region, audience: inputs.audience, webIdentity: hop, chain: [] };
    const previous = inputs.chainFrom.previous;
    return previous ? { ...previous, chain: [...previous.chain, hop] } : undefined;
}
function previousRoleArn(previous) {
    return previous ? (previous.chain.at(-1) ?? previous.webIdentity).roleArn : undefined;
}


/***/ })

};
