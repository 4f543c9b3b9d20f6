// Finesse <Update> documents (finesse-notes.md sections 2.2-2.4) used as
// pubsub payloads. All names, numbers and ids are invented test data.
// The documents are plain strings; the publisher sends them as the TEXT of
// <notification xmlns="http://jabber.org/protocol/pubsub">, so on the wire
// they appear XML-escaped (&lt;Update&gt;...), as Finesse sends them.

const TEAM_ID = '1';
const TEAM_NAME = 'Team One';

const AGENTS = {
  1001: { firstName: 'Alice', lastName: 'Agent', loginName: 'agent1001', extension: '1001' },
  1002: { firstName: 'Bob', lastName: 'Agent', loginName: 'agent1002', extension: '1002' },
};

// Join lines with "\n" and two-space indentation, like the captured
// Finesse 12.5 payloads.
function doc(lines) {
  return lines.join('\n');
}

function reasonCode(indent, id, label) {
  const p = ' '.repeat(indent);
  return [
    `${p}<ReasonCode>`,
    `${p}  <category>NOT_READY</category>`,
    `${p}  <code>${id}</code>`,
    `${p}  <label>${label}</label>`,
    `${p}  <forAll>true</forAll>`,
    `${p}  <id>${id}</id>`,
    `${p}  <uri>/finesse/api/ReasonCode/${id}</uri>`,
    `${p}</ReasonCode>`,
  ];
}

// User PUT on /finesse/api/User/<id>: state NOT_READY (with reasonCodeId and
// ReasonCode) or READY (reasonCodeId -1, no ReasonCode).
export function userUpdate(id, state, stateChangeTime, reason) {
  const a = AGENTS[id];
  const lines = [
    '<Update>',
    '  <data>',
    '    <user>',
    `      <dialogs>/finesse/api/User/${id}/Dialogs</dialogs>`,
    `      <extension>${a.extension}</extension>`,
    `      <firstName>${a.firstName}</firstName>`,
    `      <lastName>${a.lastName}</lastName>`,
    `      <loginId>${id}</loginId>`,
    `      <loginName>${a.loginName}</loginName>`,
    '      <mediaType>1</mediaType>',
    '      <pendingState></pendingState>',
  ];
  if (reason) {
    lines.push(`      <reasonCodeId>${reason.id}</reasonCodeId>`);
    lines.push(...reasonCode(6, reason.id, reason.label));
  } else {
    lines.push('      <reasonCodeId>-1</reasonCodeId>');
  }
  lines.push(
    '      <roles>',
    '        <role>Agent</role>',
    '      </roles>',
    '      <settings>',
    '        <wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming>',
    '        <wrapUpOnOutgoing>OPTIONAL</wrapUpOnOutgoing>',
    '      </settings>',
    `      <state>${state}</state>`,
    `      <stateChangeTime>${stateChangeTime}</stateChangeTime>`,
    `      <teamId>${TEAM_ID}</teamId>`,
    `      <teamName>${TEAM_NAME}</teamName>`,
    '      <teams>',
    '        <Team>',
    `          <id>${TEAM_ID}</id>`,
    `          <name>${TEAM_NAME}</name>`,
    `          <uri>/finesse/api/Team/${TEAM_ID}</uri>`,
    '        </Team>',
    '      </teams>',
    `      <uri>/finesse/api/User/${id}</uri>`,
    '      <wrapUpTimer>7200</wrapUpTimer>',
    '    </user>',
    '  </data>',
    '  <event>PUT</event>',
    '  <requestId></requestId>',
    `  <source>/finesse/api/User/${id}</source>`,
    '</Update>',
  );
  return doc(lines);
}

// Team PUT on /finesse/api/Team/1/Users: <team> with its <users>.
// members: [{ id, state, stateChangeTime, reason? }]
export function teamUsersUpdate(members) {
  const lines = [
    '<Update>',
    '  <data>',
    '    <team>',
    `      <id>${TEAM_ID}</id>`,
    `      <name>${TEAM_NAME}</name>`,
    `      <uri>/finesse/api/Team/${TEAM_ID}</uri>`,
    '      <users>',
  ];
  for (const m of members) {
    const a = AGENTS[m.id];
    lines.push(
      '        <User>',
      `          <dialogs>/finesse/api/User/${m.id}/Dialogs</dialogs>`,
      `          <extension>${a.extension}</extension>`,
      `          <firstName>${a.firstName}</firstName>`,
      `          <lastName>${a.lastName}</lastName>`,
      `          <loginId>${m.id}</loginId>`,
      '          <pendingState></pendingState>',
    );
    if (m.reason) lines.push(...reasonCode(10, m.reason.id, m.reason.label));
    lines.push(
      `          <state>${m.state}</state>`,
      `          <stateChangeTime>${m.stateChangeTime}</stateChangeTime>`,
      `          <uri>/finesse/api/User/${m.id}</uri>`,
      '        </User>',
    );
  }
  lines.push(
    '      </users>',
    '    </team>',
    '  </data>',
    '  <event>PUT</event>',
    '  <requestId></requestId>',
    `  <source>/finesse/api/Team/${TEAM_ID}</source>`,
    '</Update>',
  );
  return doc(lines);
}

// Dialogs POST on /finesse/api/User/<agent>/Dialogs: a new incoming voice
// call, dialog state ALERTING, from 5551234 to the agent's extension.
export function dialogAlertingPost(agentId, dialogId, fromAddress, startTime) {
  const a = AGENTS[agentId];
  return doc([
    '<Update>',
    '  <data>',
    '    <dialogs>',
    '      <Dialog>',
    '        <associatedDialogUri></associatedDialogUri>',
    `        <fromAddress>${fromAddress}</fromAddress>`,
    `        <id>${dialogId}</id>`,
    '        <mediaProperties>',
    '          <DNIS>8001</DNIS>',
    '          <callType>ACD_IN</callType>',
    '          <dialedNumber>8001</dialedNumber>',
    '          <outboundClassification></outboundClassification>',
    '          <callvariables>',
    '            <CallVariable>',
    '              <name>callVariable1</name>',
    '              <value>ACCT-778812</value>',
    '            </CallVariable>',
    '          </callvariables>',
    '          <mediaId>1</mediaId>',
    '          <queueName>Sales</queueName>',
    '          <queueNumber>5000</queueNumber>',
    '          <callKeyCallId>16804377</callKeyCallId>',
    '          <callKeyPrefix>153</callKeyPrefix>',
    '          <callKeySequenceNum>1</callKeySequenceNum>',
    '        </mediaProperties>',
    '        <mediaType>Voice</mediaType>',
    '        <participants>',
    '          <Participant>',
    '            <actions>',
    '              <action>ANSWER</action>',
    '            </actions>',
    `            <mediaAddress>${a.extension}</mediaAddress>`,
    '            <mediaAddressType>AGENT_DEVICE</mediaAddressType>',
    `            <startTime>${startTime}</startTime>`,
    '            <state>ALERTING</state>',
    '            <stateCause></stateCause>',
    `            <stateChangeTime>${startTime}</stateChangeTime>`,
    '          </Participant>',
    '          <Participant>',
    '            <actions></actions>',
    `            <mediaAddress>${fromAddress}</mediaAddress>`,
    '            <mediaAddressType></mediaAddressType>',
    `            <startTime>${startTime}</startTime>`,
    '            <state>INITIATED</state>',
    '            <stateCause></stateCause>',
    `            <stateChangeTime>${startTime}</stateChangeTime>`,
    '          </Participant>',
    '        </participants>',
    '        <secondaryId></secondaryId>',
    '        <state>ALERTING</state>',
    `        <toAddress>${a.extension}</toAddress>`,
    `        <uri>/finesse/api/Dialog/${dialogId}</uri>`,
    '      </Dialog>',
    '    </dialogs>',
    '  </data>',
    '  <event>POST</event>',
    '  <requestId></requestId>',
    `  <source>/finesse/api/User/${agentId}/Dialogs</source>`,
    '</Update>',
  ]);
}
