// Finesse <Update> documents for the "finesse-feeds" scenario: one or more
// realistic updates for every Finesse feed (finesse-notes.md section 2).
// All names, numbers, ids and texts are invented test data.
//
// Like updates.mjs, every document is a plain string that the publisher
// sends as the TEXT of <notification xmlns="http://jabber.org/protocol/pubsub">,
// so on the wire it is XML-escaped once more (&lt;Update&gt;...). Values that
// themselves need escaping inside the document (callVariable1, the queue
// name "Sales & Support") are escaped here first, as Finesse (JAXB) does:
// & < > only, not quotes. On the wire they are therefore escaped twice
// (&amp;lt; &amp;amp;), and prosody adds &quot; for the quotes.
//
// Layout: "\n" + two-space indentation, empty elements as <x></x>, like the
// captured Finesse 12.5 payloads.

export const AGENT = {
  id: '1001',
  extension: '5001',
  firstName: 'José',
  lastName: 'Müller',
  loginName: 'jmuller',
};
export const TEAM = { id: '1', name: 'Team Ünïcode' };
export const QUEUE = { id: '5000', name: 'Sales & Support' };
export const MRD = { id: '5001', name: 'Cisco_Chat_MRD', description: 'Chat MRD' };

export const BREAK = { category: 'NOT_READY', code: '12', label: 'Break', id: '12' };
export const FORCED_LOGOUT = { category: 'LOGOUT', code: '255', label: 'Forced logout', id: '255' };

export const API_ERROR_REQUEST_ID = '8e6ac6c2-1c8c-4c1a-9a0e-2f3b1c1d0f01';
export const CALL_VARIABLE_1 = 'Order <12345> & "VIP"';

// ---- a tiny element builder ------------------------------------------------

// E('name', 'text') or E('name', [children]); text is escaped when rendered.
const E = (name, content = '') => ({ name, content });

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function render(node, indent, out) {
  const p = ' '.repeat(indent);
  if (Array.isArray(node.content)) {
    if (node.content.length === 0) {
      out.push(`${p}<${node.name}></${node.name}>`);
      return out;
    }
    out.push(`${p}<${node.name}>`);
    for (const c of node.content) render(c, indent + 2, out);
    out.push(`${p}</${node.name}>`);
  } else {
    out.push(`${p}<${node.name}>${esc(node.content)}</${node.name}>`);
  }
  return out;
}

// <Update> with its four children in the given order.
function update({ order, event, requestId = '', source, data }) {
  const parts = {
    data: E('data', [data]),
    event: E('event', event),
    requestId: E('requestId', requestId),
    source: E('source', source),
  };
  if (order.length !== 4 || !order.every((k) => k in parts)) throw new Error(`bad order ${order}`);
  return render(E('Update', order.map((k) => parts[k])), 0, []).join('\n');
}

// Child orders seen in real traffic / the Cisco samples (finesse-notes 2.2).
const DATA_FIRST = ['data', 'event', 'requestId', 'source']; // 12.5 User updates
const DATA_FIRST_EVENT_LAST = ['data', 'requestId', 'source', 'event']; // 12.5 apiErrors
const DATA_LAST = ['event', 'source', 'requestId', 'data']; // developer.cisco.com samples

// ---- SystemInfo -------------------------------------------------------------

export function systemInfoUpdate(status, currentTimestamp) {
  const out = status !== 'IN_SERVICE';
  const node = (host) => [
    E('host', host),
    E('httpsPort', '8445'),
    E('xmppPort', '5222'),
    E('xmppSecurePort', '5223'),
  ];
  return update({
    order: DATA_LAST,
    event: 'PUT',
    source: '/finesse/api/SystemInfo',
    data: E('SystemInfo', [
      E('currentTimestamp', currentTimestamp),
      E('deploymentType', 'UCCE'),
      E('lastCTIHeartbeatStatus', out ? 'failure' : 'success'),
      E('ctiHeartbeatInterval', '30'),
      E('ctiMMode', 'false'),
      E('finesseMMode', 'false'),
      E('license', ''),
      E('peripheralId', '5000'),
      E('primaryNode', node('finesse.example.test')),
      E('secondaryNode', node('finesse-b.example.test')),
      E('status', status),
      E('statusReason', out ? 'Finesse lost its connection to the CTI server' : ''),
      E('systemAuthMode', 'NON_SSO'),
      E('timezoneOffset', '0'),
      E('uri', '/finesse/api/SystemInfo'),
      E('xmppDomain', 'finesse.example.test'),
      E('xmppPubSubDomain', 'pubsub.finesse.example.test'),
      E('ctiServers', [
        E('ctiServer', [E('host', 'cti-a.example.test'), E('active', out ? 'false' : 'true')]),
        E('ctiServer', [E('host', 'cti-b.example.test'), E('active', 'false')]),
      ]),
    ]),
  });
}

// ---- User -------------------------------------------------------------------

function reasonCode(r) {
  return E('ReasonCode', [
    E('category', r.category),
    E('code', r.code),
    E('label', r.label),
    E('forAll', 'true'),
    E('id', r.id),
    E('uri', `/finesse/api/ReasonCode/${r.id}`),
  ]);
}

// User PUT on /finesse/api/User/1001. reason: BREAK / FORCED_LOGOUT / undefined
// (reasonCodeId -1). At LOGOUT the extension is empty, as in real Finesse.
// requestId: the requestId header of the REST request that caused it.
export function userUpdate(state, stateChangeTime, reason, requestId = '') {
  const a = AGENT;
  const children = [
    E('dialogs', `/finesse/api/User/${a.id}/Dialogs`),
    E('extension', state === 'LOGOUT' ? '' : a.extension),
    E('firstName', a.firstName),
    E('lastName', a.lastName),
    E('loginId', a.id),
    E('loginName', a.loginName),
    E('mediaType', '1'),
    E('pendingState', ''),
    E('reasonCodeId', reason ? reason.id : '-1'),
  ];
  if (reason) children.push(reasonCode(reason));
  children.push(
    E('roles', [E('role', 'Agent'), E('role', 'Supervisor')]),
    E('settings', [E('wrapUpOnIncoming', 'OPTIONAL'), E('wrapUpOnOutgoing', 'OPTIONAL')]),
    E('state', state),
    E('stateChangeTime', stateChangeTime),
    E('teamId', TEAM.id),
    E('teamName', TEAM.name),
    E('teams', [E('Team', [E('id', TEAM.id), E('name', TEAM.name), E('uri', `/finesse/api/Team/${TEAM.id}`)])]),
    E('uri', `/finesse/api/User/${a.id}`),
    E('wrapUpTimer', '7200'),
  );
  return update({ order: DATA_FIRST, event: 'PUT', requestId, source: `/finesse/api/User/${a.id}`, data: E('user', children) });
}

// apiErrors on the User node: event "put" (lowercase), the 12.5 child order.
export function userApiErrorUpdate(requestId = API_ERROR_REQUEST_ID) {
  return update({
    order: DATA_FIRST_EVENT_LAST,
    event: 'put',
    requestId,
    source: `/finesse/api/User/${AGENT.id}`,
    data: E('apiErrors', [
      E('apiError', [
        E('errorType', 'Invalid State'),
        E('errorMessage', 'CF_INVALID_OBJECT_STATE'),
        E('errorData', '22'),
        E('peripheralErrorCode', '12005'),
        E('peripheralErrorMsg', 'PERERR_AGENT_INVALID_STATE_TRANSITION'),
        E('peripheralErrorText', 'The requested agent state is not allowed from the current agent state.'),
      ]),
    ]),
  });
}

// ---- Dialogs ----------------------------------------------------------------

function participant({ actions, mediaAddress, mediaAddressType = '', startTime, state, stateCause = '', stateChangeTime }) {
  return E('Participant', [
    E('actions', actions.map((x) => E('action', x))),
    E('mediaAddress', mediaAddress),
    E('mediaAddressType', mediaAddressType),
    E('startTime', startTime),
    E('state', state),
    E('stateCause', stateCause),
    E('stateChangeTime', stateChangeTime),
  ]);
}

// The inbound call 16777217: 5551234 -> 8005550100 -> queue 5000 -> agent 5001.
export const CALL_1 = '16777217';
export const CALLER = '5551234';
export const DNIS = '8005550100';

function inboundDialog(rootName, state, participants) {
  return E(rootName, [
    E('associatedDialogUri', ''),
    E('fromAddress', CALLER),
    E('id', CALL_1),
    E('mediaProperties', [
      E('DNIS', DNIS),
      E('callType', 'ACD_IN'),
      E('dialedNumber', DNIS),
      E('outboundClassification', ''),
      E('callvariables', [
        E('CallVariable', [E('name', 'callVariable1'), E('value', CALL_VARIABLE_1)]),
        E('CallVariable', [E('name', 'user.crm.id'), E('value', 'CRM-77')]),
      ]),
      E('mediaId', '1'),
      E('queueName', QUEUE.name),
      E('queueNumber', QUEUE.id),
      E('callKeyCallId', CALL_1),
      E('callKeyPrefix', '153'),
      E('callKeySequenceNum', '1'),
    ]),
    E('mediaType', 'Voice'),
    E('participants', participants),
    E('secondaryId', ''),
    E('state', state),
    E('toAddress', AGENT.extension),
    E('uri', `/finesse/api/Dialog/${CALL_1}`),
  ]);
}

// t: { start, answered?, dropped? } ISO timestamps.
function call1Participants(state, t) {
  const agent = { mediaAddress: AGENT.extension, mediaAddressType: 'AGENT_DEVICE', startTime: t.start };
  const caller = { mediaAddress: CALLER, startTime: t.start };
  if (state === 'ALERTING') {
    return [
      participant({ ...caller, actions: [], state: 'ACTIVE', stateChangeTime: t.start }),
      participant({ ...agent, actions: ['ANSWER'], state: 'ALERTING', stateChangeTime: t.start }),
    ];
  }
  if (state === 'ACTIVE') {
    return [
      participant({ ...caller, actions: [], state: 'ACTIVE', stateChangeTime: t.start }),
      participant({ ...agent, actions: ['HOLD', 'DROP', 'UPDATE_CALL_DATA', 'CONSULT_CALL'], state: 'ACTIVE', stateChangeTime: t.answered }),
    ];
  }
  // DROPPED
  return [
    participant({ ...caller, actions: [], state: 'DROPPED', stateCause: '', stateChangeTime: t.dropped }),
    participant({ ...agent, actions: [], state: 'DROPPED', stateCause: '', stateChangeTime: t.dropped }),
  ];
}

// Dialogs POST (new call) / DELETE (call gone): source .../User/1001/Dialogs,
// data <dialogs><Dialog>.
export function call1DialogsUpdate(event, state, t) {
  return update({
    order: DATA_FIRST,
    event,
    source: `/finesse/api/User/${AGENT.id}/Dialogs`,
    data: E('dialogs', [inboundDialog('Dialog', state, call1Participants(state, t))]),
  });
}

// Dialog PUT: source /finesse/api/Dialog/16777217, data <dialog>.
export function call1DialogPut(state, t) {
  return update({
    order: DATA_FIRST,
    event: 'PUT',
    source: `/finesse/api/Dialog/${CALL_1}`,
    data: inboundDialog('dialog', state, call1Participants(state, t)),
  });
}

// The agent's outbound call 16777218 to a busy number: dialog FAILED, the
// agent participant FAILED with stateCause BUSY.
export const CALL_2 = '16777218';
export const CALL_2_TO = '5559876';
export function call2FailedPut(t) {
  return update({
    order: DATA_FIRST,
    event: 'PUT',
    source: `/finesse/api/Dialog/${CALL_2}`,
    data: E('dialog', [
      E('associatedDialogUri', ''),
      E('fromAddress', AGENT.extension),
      E('id', CALL_2),
      E('mediaProperties', [
        E('DNIS', ''),
        E('callType', 'AGENT_OUT'),
        E('dialedNumber', CALL_2_TO),
        E('outboundClassification', ''),
        E('callvariables', []),
        E('mediaId', '1'),
        E('queueName', ''),
        E('queueNumber', ''),
        E('callKeyCallId', CALL_2),
        E('callKeyPrefix', '153'),
        E('callKeySequenceNum', '2'),
      ]),
      E('mediaType', 'Voice'),
      E('participants', [
        participant({
          actions: ['DROP'], mediaAddress: AGENT.extension, mediaAddressType: 'AGENT_DEVICE',
          startTime: t.start, state: 'FAILED', stateCause: 'BUSY', stateChangeTime: t.failed,
        }),
      ]),
      E('secondaryId', ''),
      E('state', 'FAILED'),
      E('toAddress', CALL_2_TO),
      E('uri', `/finesse/api/Dialog/${CALL_2}`),
    ]),
  });
}

// ---- Team -------------------------------------------------------------------

// 250 team members 1001..1250 (extensions 5001..5250); every 7th has a
// non-ASCII name from this list, 1001 is José Müller.
const SPECIAL_NAMES = [
  ['Zoë', 'Ångström'], ['Łukasz', 'Wójcik'], ['François', 'Nuñez'], ['Søren', 'Ødegård'],
  ['Anaïs', 'Dvořák'], ['Ђорђе', 'Петровић'], ['Анна', 'Иванова'], ['太郎', '山田'],
  ['Ηλίας', 'Παπαδόπουλος'], ['Çağla', 'Şahin'], ['Björk', 'Guðmundsdóttir'], ['Noémie', 'Lefèvre'],
];
const FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter'];
const LAST = ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Foster', 'Garcia', 'Hughes', 'Irwin', 'Jones', 'King', 'Lopez', 'Moore'];
const MEMBER_STATES = ['READY', 'NOT_READY', 'TALKING', 'READY', 'WORK', 'NOT_READY', 'RESERVED', 'LOGOUT', 'TALKING', 'WORK_READY', 'HOLD'];

export const TEAM_SIZE = 250;

export function teamMembers(agentState, agentStateChangeTime, baseMs) {
  const members = [];
  for (let i = 0; i < TEAM_SIZE; i++) {
    const id = String(1001 + i);
    let firstName;
    let lastName;
    let state;
    if (i === 0) {
      ({ firstName, lastName } = AGENT);
      state = agentState;
    } else {
      if (i % 7 === 0) [firstName, lastName] = SPECIAL_NAMES[(i / 7 - 1) % SPECIAL_NAMES.length];
      else [firstName, lastName] = [FIRST[i % FIRST.length], LAST[(i * 5) % LAST.length]];
      state = MEMBER_STATES[i % MEMBER_STATES.length];
    }
    members.push({
      id,
      firstName,
      lastName,
      extension: state === 'LOGOUT' ? '' : String(5001 + i),
      state,
      stateChangeTime: i === 0 ? agentStateChangeTime : new Date(baseMs - i * 37_123).toISOString(),
      reason: state === 'NOT_READY' && i !== 0 ? BREAK : undefined,
    });
  }
  return members;
}

// Team PUT on /finesse/api/Team/1/Users: source /finesse/api/Team/1, <team>.
export function teamUsersUpdate(members) {
  return update({
    order: DATA_LAST,
    event: 'PUT',
    source: `/finesse/api/Team/${TEAM.id}`,
    data: E('team', [
      E('id', TEAM.id),
      E('name', TEAM.name),
      E('uri', `/finesse/api/Team/${TEAM.id}`),
      E('users', members.map((m) => {
        const c = [
          E('uri', `/finesse/api/User/${m.id}`),
          E('loginId', m.id),
          E('firstName', m.firstName),
          E('lastName', m.lastName),
          E('extension', m.extension),
          E('pendingState', ''),
          E('state', m.state),
          E('stateChangeTime', m.stateChangeTime),
        ];
        if (m.reason) c.push(reasonCode(m.reason));
        return E('User', c);
      })),
    ]),
  });
}

// ---- Queue, User/Queues, Media ---------------------------------------------

function queueObject(q, s) {
  return E('Queue', [
    E('uri', `/finesse/api/Queue/${q.id}`),
    E('name', q.name),
    E('statistics', [
      E('callsInQueue', s.callsInQueue),
      E('startTimeOfLongestCallInQueue', s.startTimeOfLongestCallInQueue),
      E('agentsReady', s.agentsReady),
      E('agentsNotReady', s.agentsNotReady),
      E('agentsBusyOther', s.agentsBusyOther),
      E('agentsLoggedOn', s.agentsLoggedOn),
      E('agentsTalkingInbound', s.agentsTalkingInbound),
      E('agentsTalkingOutbound', s.agentsTalkingOutbound),
      E('agentsTalkingInternal', s.agentsTalkingInternal),
      E('agentsWrapUpNotReady', s.agentsWrapUpNotReady),
      E('agentsWrapUpReady', s.agentsWrapUpReady),
    ]),
  ]);
}

export const QUEUE_STATS = {
  callsInQueue: '3',
  agentsReady: '2',
  agentsNotReady: '1',
  agentsBusyOther: '0',
  agentsLoggedOn: '4',
  agentsTalkingInbound: '1',
  agentsTalkingOutbound: '0',
  agentsTalkingInternal: '0',
  agentsWrapUpNotReady: '0',
  agentsWrapUpReady: '0',
};

// Queue PUT on /finesse/api/Queue/5000 (explicit feed).
export function queueUpdate(startTimeOfLongestCallInQueue) {
  return update({
    order: DATA_LAST,
    event: 'PUT',
    source: `/finesse/api/Queue/${QUEUE.id}`,
    data: queueObject(QUEUE, { ...QUEUE_STATS, startTimeOfLongestCallInQueue }),
  });
}

// User/Queues POST (a queue was added to the user): requestId always empty.
export const ADDED_QUEUE = { id: '5002', name: 'Billing' };
export function userQueuesPost(startTimeOfLongestCallInQueue) {
  return update({
    order: DATA_LAST,
    event: 'POST',
    source: `/finesse/api/User/${AGENT.id}/Queues`,
    data: E('Queues', [
      queueObject(ADDED_QUEUE, {
        callsInQueue: '1',
        startTimeOfLongestCallInQueue,
        agentsReady: '0',
        agentsNotReady: '2',
        agentsBusyOther: '0',
        agentsLoggedOn: '3',
        agentsTalkingInbound: '1',
        agentsTalkingOutbound: '0',
        agentsTalkingInternal: '0',
        agentsWrapUpNotReady: '0',
        agentsWrapUpReady: '0',
      }),
    ]),
  });
}

// Media on /finesse/api/User/1001/Media: source .../Media/5001, <Media> as in
// the developer.cisco.com Media object (the MRD id is <id>); event "put" as
// in the Cisco media-notification sample.
export function mediaUpdate(stateChangeTime) {
  const uri = `/finesse/api/User/${AGENT.id}/Media/${MRD.id}`;
  return update({
    order: DATA_LAST,
    event: 'put',
    source: uri,
    data: E('Media', [
      E('uri', uri),
      E('description', MRD.description),
      E('dialogLogoutAction', 'CLOSE'),
      E('id', MRD.id),
      E('interruptAction', 'ACCEPT'),
      E('interruptible', 'true'),
      E('maxDialogLimit', '3'),
      E('name', MRD.name),
      E('reasonCodeId', '-1'),
      E('routable', 'true'),
      E('state', 'READY'),
      E('stateChangeTime', stateChangeTime),
    ]),
  });
}

// ---- something the spec does not describe ----------------------------------

// A TeamMessage (Finesse 12.0+ REST object; no XMPP node is documented).
export const TEAM_MESSAGE_ID = '3c1f6d2a-9b7e-4f0a-8d15-6a2e9c4b7f10';
export function teamMessageUpdate(createdAtEpochSeconds) {
  return update({
    order: DATA_FIRST,
    event: 'POST',
    source: `/finesse/api/TeamMessage/${TEAM_MESSAGE_ID}`,
    data: E('TeamMessage', [
      E('uri', `/finesse/api/TeamMessage/${TEAM_MESSAGE_ID}`),
      E('id', TEAM_MESSAGE_ID),
      E('createdBy', [E('id', '1099'), E('firstName', 'Ingrid'), E('lastName', 'Søberg')]),
      E('createdAt', String(createdAtEpochSeconds)),
      E('duration', '300'),
      E('content', 'Hello'),
      E('teams', [E('team', TEAM.id)]),
    ]),
  });
}
