// The OpenAPI 3.1 description of the hub's HTTP API, served at /v1/openapi.json.

const signed = [{ httpMessageSignature: [] }];
const bearer = [{ bearerToken: [] }];
const error = { $ref: "#/components/schemas/Error" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const ack = json({ $ref: "#/components/schemas/Ack" });
const nak = json({ $ref: "#/components/schemas/Nak" });
const ok = (description: string) => ({ 200: { description } });
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
const accountAnswer = json({ type: "object", properties: {
  stage: { enum: ["created", "proposed", "activated", "promoted"] },
  account: { $ref: "#/components/schemas/Account" },
  token: { type: "string", description: "Only when the account has just become usable" } } });

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Corridor hub API",
    version: "1",
    description: "Participant endpoints are signed per RFC 9421 (Ed25519; covered components " +
      "@method, @request-target, content-digest; parameters created, keyid = BIC, nonce, alg). " +
      "Operator, compliance and auditor endpoints take a bearer token.",
  },
  paths: {
    "/v1/messages": { post: {
      summary: "Submit one MT or MX message (the exact bytes as the body)", security: signed,
      requestBody: { content: { "application/octet-stream": { schema: { type: "string" } } } },
      responses: {
        201: { description: "ACK: validated and durably stored", content: ack },
        200: { description: "ACK of a duplicate: the original message", content: ack },
        422: { description: "NAK with a code and location", content: nak },
        503: { description: "NAK storage-unavailable or screening-unavailable: nothing stored",
          content: nak },
        401: { description: "Authentication failed", content: json(error) },
      } } },
    "/v1/messages/{id}": { get: {
      summary: "Status of a message; only its sender or receiver may read it", security: signed,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { ...ok("Message status"),
        404: { description: "Not found", content: json(error) } },
    } },
    "/v1/inbox": { get: {
      summary: "Long-poll the inbox: messages after an OSN, in OSN order", security: signed,
      parameters: [
        { name: "after", in: "query", schema: { type: "integer", minimum: 0 } },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
        { name: "wait", in: "query", schema: { type: "integer", minimum: 0, maximum: 60 } },
      ],
      responses: ok("{messages: [{osn, id, sender, type, format, uetr, possibleDuplicate, " +
        "payload}]}"),
    } },
    "/v1/inbox/ack": { post: {
      summary: "Acknowledge every delivered message up to an OSN", security: signed,
      requestBody: { content: json({ type: "object", properties: { osn: { type: "integer" } } }) },
      responses: ok("{acknowledged, ackedOsn}") } },
    "/v1/session": { get: {
      summary: "WebSocket streaming session: submit frames, deliver frames, acks, flow control",
      security: signed, responses: { 101: { description: "Switching protocols" } } } },
    "/v1/participants": {
      get: { summary: "List participants", security: bearer, responses: ok("Participants") },
      post: { summary: "Add or update a participant (operator)", security: bearer,
        responses: { 201: { description: "Added" }, 200: { description: "Updated" } } },
    },
    "/v1/rma": {
      get: { summary: "List RMA authorisations (?bic= filters)", security: bearer,
        responses: ok("{rma: [{receiver, sender, types, grantedBy, grantedAt}]}") },
      post: { summary: "Grant an RMA: {receiver, sender, types?} (operator)", security: bearer,
        responses: { 201: { description: "Granted" } } },
      delete: { summary: "Revoke an RMA: ?receiver=&sender= (operator)", security: bearer,
        responses: { ...ok("Revoked"), 404: { description: "No such authorisation" } } },
    },
    "/v1/cases": { get: { summary: "Compliance cases of held messages (compliance officers)",
      security: bearer, responses: ok("{cases: [...]}") } },
    "/v1/cases/{id}": { get: { summary: "One case with every hit explained", security: bearer,
      parameters: [idParameter], responses: ok("Case") } },
    "/v1/cases/{id}/release": { post: { summary: "Propose or approve a release (four-eyes: " +
      "the approver differs from the proposer and is not related to it by account lineage)",
    security: bearer,
    parameters: [idParameter], responses: ok("Case") } },
    "/v1/cases/{id}/reject": { post: { summary: "Reject a held message; the sender is notified",
      security: bearer, parameters: [idParameter], responses: ok("Case") } },
    "/v1/policies": {
      get: { summary: "Exclusion policies", security: bearer, responses: ok("{policies}") },
      post: { summary: "Propose an exclusion policy (operator, maker)", security: bearer,
        responses: { 201: { description: "Proposed" } } },
    },
    "/v1/policies/{id}/preview": { get: { summary: "What the policy would affect", security: bearer,
      parameters: [idParameter], responses: ok("Preview") } },
    "/v1/policies/{id}/approve": { post: { summary: "Approve (operator, checker: not the maker " +
      "nor related to it by account lineage)",
      security: bearer, parameters: [idParameter], responses: ok("Policy") } },
    "/v1/audit/verify": { get: { summary: "Verify the audit hash chain", security: bearer,
      responses: ok("{ok, entries, firstBad?}") } },
    "/v1/accounts": {
      get: { summary: "Accounts with role, status, creator and lineage; never a secret " +
        "(operators, auditors)", security: bearer,
      responses: ok("{accounts: [Account]}") },
      post: { summary: "Propose an account {name, role}, or a new role for an existing one " +
        "(operator, maker). An auditor is created at once; an operator or compliance account " +
        "is pending, without a token, until another operator approves", security: bearer,
      requestBody: { content: json({ type: "object", required: ["name", "role"], properties: {
        name: { type: "string", pattern: "^[a-z][a-z0-9._-]{1,39}$" },
        role: { enum: ["operator", "compliance", "auditor"] } } }) },
      responses: {
        201: { description: "Auditor created; its token is returned once",
          content: accountAnswer },
        202: { description: "Proposed: pending until another operator approves",
          content: accountAnswer },
        400: { description: "account-invalid", content: json(error) },
        403: { description: "role-forbidden, account-lineage-too-deep", content: json(error) },
        409: { description: "account-exists, account-change-pending", content: json(error) },
      } },
    },
    "/v1/accounts/{name}/approve": { post: { summary: "Approve a proposed account or role " +
      "change (operator, checker: not the proposer, not created by it or by its creators, not " +
      "sharing a creator with it or with the account). A new account's token is returned once",
    security: bearer, parameters: [{ name: "name", in: "path", required: true,
      schema: { type: "string" } }],
    responses: {
      200: { description: "Approved: activated (with its token) or promoted",
        content: accountAnswer },
      403: { description: "approver-must-differ-from-maker, approver-related-to-maker, " +
        "approver-related-to-subject, role-forbidden", content: json(error) },
      404: { description: "account-not-found", content: json(error) },
      409: { description: "account-not-proposed, account-conflict", content: json(error) },
    } } },
    "/v1/openapi.json": { get: { summary: "This document", responses: ok("OpenAPI 3.1") } },
    "/health": { get: { summary: "Liveness, store reachability and the screening mode",
      responses: ok("ok") } },
    "/metrics": { get: { summary: "Prometheus metrics", responses: ok("text") } },
  },
  components: {
    securitySchemes: {
      httpMessageSignature: { type: "apiKey", in: "header", name: "Signature",
        description: "RFC 9421 with Signature-Input and Content-Digest (RFC 9530)" },
      bearerToken: { type: "http", scheme: "bearer" },
    },
    schemas: {
      Ack: { type: "object", properties: { status: { const: "ACK" }, id: { type: "string" },
        isn: { type: "integer" }, uetr: { type: ["string", "null"] }, format: { type: "string" },
        type: { type: "string" }, disposition: { enum: ["queued", "held", "duplicate"] } } },
      Nak: { type: "object", properties: { status: { const: "NAK" }, code: { type: "string" },
        location: { type: "string" }, line: { type: ["integer", "null"] },
        reason: { type: "string" } } },
      Account: { type: "object", properties: { name: { type: "string" },
        role: { enum: ["operator", "compliance", "auditor"] },
        status: { enum: ["pending", "active"] },
        createdBy: { type: "string", description: "An account, or CORRIDOR for the hub" },
        lineage: { type: "array", items: { type: "string" },
          description: "Its creators, nearest first, ending at CORRIDOR" },
        approvedBy: { type: ["string", "null"] },
        proposal: { type: ["object", "null"], properties: {
          role: { enum: ["operator", "compliance", "auditor"] }, by: { type: "string" },
          at: { type: "integer" } } },
        createdAt: { type: "integer" } } },
      Error: { type: "object", properties: { error: { type: "object", properties: {
        code: { type: "string" }, location: { type: "string" }, message: { type: "string" } } } } },
    },
  },
} as const;
