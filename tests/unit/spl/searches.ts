/**
 * Real-shaped SPL searches written for these tests (not copied from any content repository),
 * covering what the ESCU corpus uses: tstats over data models, macros with arguments,
 * `| from datamodel`, lookups, eval with nested functions, rex with escapes, subsearches,
 * comments, tokens and long pipelines.
 */
export const SEARCHES: Record<string, string> = {
  tstatsProcesses:
    '| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=certutil.exe Processes.process IN ("*urlcache*", "*-split*") by Processes.dest Processes.user Processes.process | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)` | `certutil_download_filter`',
  tstatsNetwork:
    '| tstats `security_content_summariesonly` count values(All_Traffic.dest_port) as dest_port from datamodel=Network_Traffic.All_Traffic where All_Traffic.dest_port=3389 by All_Traffic.src All_Traffic.dest | `drop_dm_object_name("All_Traffic")` | where count > 10',
  fromDatamodelRisk:
    '| from datamodel Risk.All_Risk | search normalized_risk_object IN ($user$) starthoursago=168 | stats count values(search_name) as "Search Name" by normalized_risk_object',
  fromDatamodelColon: '| from datamodel:Web.Web | search status=500 | stats count by dest',
  datamodelCommand: '| datamodel Authentication Failed_Authentication search | stats count by Authentication.user',
  inputlookup: '| inputlookup append=true previously_seen_cloud_logins | stats min(firstTime) as firstTime by user',
  outputlookup:
    '`cloudtrail` eventName=RunInstances | stats earliest(_time) as firstTime by user | outputlookup createinapp=true seen_instance_launches',
  lookupLocal:
    '`sysmon` EventCode=1 | lookup local=true suspicious_shells process OUTPUT is_shell | where is_shell="true"',
  lookupEs: '`sysmon` | lookup asset_lookup_by_str dest OUTPUT priority | lookup ut_shannon_lookup word as query',
  evalNested:
    '`sysmon` EventCode=1 | eval risky=if(match(CommandLine, "(?i)(-enc|-e |frombase64)"), lower(coalesce(ParentImage, "none")), case(len(CommandLine) > 500, "long", true(), "ok")) | table dest risky',
  evalArithmetic:
    '`o365` | eval ratio=round(bytes_out / (bytes_in + 1) * 100, 2), gb=bytes_out/1024/1024/1024 | where ratio > 75',
  rexEscapes:
    '`wineventlog_security` EventCode=4624 | rex field=Account_Name "(?<domain>[^\\\\]+)\\\\(?<user_only>.+)" | stats count by domain user_only',
  rexQuotes: '`powershell` EventCode=4104 | rex field=ScriptBlockText "(?i)(?<url>https?://[^\\s\'\\"]+)" max_match=5',
  subsearch:
    '`sysmon` EventCode=3 [| inputlookup known_c2_addresses | rename ip as DestinationIp | fields DestinationIp] | stats count by dest DestinationIp',
  nestedSubsearch:
    '`okta` [search `okta` eventType=user.account.lock [| inputlookup vip_users | fields user] | fields user] | stats count by user eventType',
  comment: '`sysmon` EventCode=1 ```the `count_in_window` macro is not used | here``` | stats count by Image',
  tokens: '%original_detection_search% | search dest = $dest$ user = $user$',
  tokenDots: '`cloudtrail` userIdentity.arn=$userIdentity.arn$ | stats count by eventName',
  quotedPipe: '`sysmon` CommandLine="*cmd.exe /c whoami | findstr admin*" | stats count by dest',
  orAndNot:
    '`sysmon` (Image="*\\\\rundll32.exe" OR Image="*\\\\regsvr32.exe") AND NOT User="SYSTEM" | stats count by dest',
  inList: '`wineventlog_security` EventCode IN (4720, 4722, 4738) | stats values(EventCode) as codes by user',
  statsBy: '`okta` | stats dc(src) as sources values(src) as src count by user | where sources > 3',
  timechart: '`nginx_access_logs` status>=500 | timechart span=5m count by dest limit=10',
  streamstats:
    '`wineventlog_security` EventCode=4625 | sort 0 _time | streamstats time_window=5m count as failures by src | where failures > 20',
  eventstats: '`cloudtrail` | eventstats avg(count) as avg stdev(count) as sd by user | where count > avg + 3 * sd',
  mvexpand:
    '`nginx_access_logs` | eval headers=mvappend(http_user_agent, http_referrer) | mvexpand headers | where like(headers, "%jndi%")',
  spath: '`aws_s3` | spath input=requestParameters path=bucketName output=bucket | stats count by bucket',
  join: '`sysmon` EventCode=1 | join type=left dest [search `sysmon` EventCode=3 | stats count as connections by dest] | fillnull connections',
  mapCommand:
    '| inputlookup gpo_list | map maxsearches=10 search="search `wineventlog_security` EventCode=5136 ObjectGUID=$gpo_guid$"',
  apply:
    '`sysmon` EventCode=1 | eval cmd_len=len(CommandLine) | apply command_line_length_model | where anomaly_score > 0.9',
  unicode: '`sysmon` | rex field=CommandLine "(?<dash>[\u2013\u2014\u2015])" | where isnotnull(dash)',
  macroArgsTwo: 'index=zeek | `count_in_window(src_ip,1h)` | stats max(event_count) as peak by src_ip',
  leadingParen: '(`wineventlog_security` EventCode=1102) OR (`sysmon` EventCode=104) | stats count by dest',
  htmlChars: '`nginx_access_logs` uri_path="*<script>alert(1)</script>*" | stats count by src',
};

/** A long pipeline (well over the corpus median) for robustness and speed. */
export const LONG = Array.from(
  { length: 180 },
  (_, i) => `eval f${i}=if(match(x, "a|b${i}"), lower(y), coalesce(z, "q"))`,
).join(' | ');
