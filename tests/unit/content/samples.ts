/**
 * Minimal valid content files for unit tests, one per type and generation. Tests change one
 * thing at a time. These are written for the tests, not taken from any content repository.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const OLD_DETECTION = `name: Sample Shell In Container
id: 0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60
version: 3
date: '2024-09-30'
author: Test Author, Example
status: production
type: Anomaly
description: Finds an interactive shell started inside a container.
data_source:
- Sample Falco
search: '\`sample_falco\` "shell spawned" | stats count by container_name user | \`sample_shell_in_container_filter\`'
how_to_implement: Send Falco alerts to Splunk.
known_false_positives: Administrators debugging a container.
references:
- https://example.org/falco
drilldown_searches:
- name: View the detection results for $user$
  search: '%original_detection_search% | search user = $user$'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
- name: View risk events for $user$
  search: '| from datamodel Risk.All_Risk | search normalized_risk_object IN ($user$)'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
tags:
  analytic_story:
  - Sample Story
  asset_type: Kubernetes
  confidence: 70
  impact: 70
  message: A shell was spawned in $container_name$ by $user$.
  mitre_attack_id:
  - T1204
  observable:
  - name: user
    type: User
    role:
    - Victim
  product:
  - Splunk Enterprise
  required_fields:
  - user
  risk_score: 49
  security_domain: network
tests:
- name: True Positive Test
  attack_data:
  - data: https://example.org/data/shell.log
    sourcetype: sample:falco
    source: falco
`;

export const NEW_DETECTION = `name: Sample Shell In Container
id: 0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60
version: 3
date: '2024-09-30'
author: Test Author, Example
status: production
type: Anomaly
description: Finds an interactive shell started inside a container.
data_source:
- Sample Falco
search: |
  \`sample_falco\` "shell spawned" | stats count by container_name user | \`sample_shell_in_container_filter\`
how_to_implement: Send Falco alerts to Splunk.
known_false_positives: Administrators debugging a container.
references:
- https://example.org/falco
drilldown_searches:
- name: View the detection results for $user$
  search: '%original_detection_search% | search user = $user$'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
- name: View risk events for $user$
  search: '| from datamodel Risk.All_Risk | search normalized_risk_object IN ($user$)'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
rba:
  message: A shell was spawned in $container_name$ by $user$.
  risk_objects:
  - field: user
    type: user
    score: 49
  threat_objects: []
tags:
  analytic_story:
  - Sample Story
  asset_type: Kubernetes
  mitre_attack_id:
  - T1204
  product:
  - Splunk Enterprise
  security_domain: network
tests:
- name: True Positive Test
  attack_data:
  - data: https://example.org/data/shell.log
    sourcetype: sample:falco
    source: falco
`;

export const ESCU6_DETECTION = `name: Sample Shell In Container
id: 0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60
version: 3
creation_date: '2023-01-10'
modification_date: '2024-09-30'
author: Test Author, Example
status: production
type: Anomaly
description: Finds an interactive shell started inside a container.
category: cloud
data_source:
- Sample Falco
search: >-
  \`sample_falco\` "shell spawned" | stats count by container_name user | \`sample_shell_in_container_filter\`
how_to_implement: Send Falco alerts to Splunk.
known_false_positives: Administrators debugging a container.
references:
- https://example.org/falco
drilldown_searches:
- name: View the detection results for $user$
  search: '%original_detection_search% | search user = $user$'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
- name: View risk events for $user$
  search: '| from datamodel Risk.All_Risk | search normalized_risk_object IN ($user$)'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
finding:
  title: A shell was spawned in $container_name$ by $user$.
  entity:
    field: user
    type: user
    score: 49
threat_objects: []
analytic_story:
- Sample Story
mitre_attack_id:
- T1204
product:
- Splunk Enterprise
asset_type: Kubernetes
security_domain: network
tests:
- name: True Positive Test
  test_type: unit
  attack_data:
  - data: https://example.org/data/shell.log
    sourcetype: sample:falco
    source: falco
`;

export const STORY = `name: Sample Story
id: 6f1e2d3c-4b5a-4968-8776-655443322110
version: 1
date: '2024-09-30'
author: Test Author, Example
description: Container attacks.
narrative: |-
  First paragraph.

  Second paragraph.
references: []
tags:
  category:
  - Cloud Security
  product:
  - Splunk Enterprise
  usecase: Advanced Threat Detection
`;

export const MACRO = `definition: sourcetype=sample:falco
description: Falco events.
name: sample_falco
`;

export const DATA_SOURCE = `name: Sample Falco
id: 11111111-2222-4333-8444-555555555555
version: 1
date: '2024-09-30'
author: Test Author, Example
description: Falco alerts.
source: falco
sourcetype: sample:falco
supported_TA:
- name: Sample TA
  url: https://example.org/ta
  version: '1.0'
fields:
- container_name
- user
example_log: '{"output": "shell spawned"}'
`;

/** Writes files (path → text or bytes) into a fresh temporary content folder. */
export function contentDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-test-'));
  for (const [path, body] of Object.entries(files)) {
    const p = join(dir, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, body);
  }
  return dir;
}

/** A complete valid corpus around one detection file. */
export function validCorpus(detection = OLD_DETECTION, extra: Record<string, string | Uint8Array> = {}) {
  return contentDir({
    'detections/cloud/sample_shell_in_container.yml': detection,
    'stories/sample_story.yml': STORY,
    'macros/sample_falco.yml': MACRO,
    'data_sources/sample_falco.yml': DATA_SOURCE,
    ...extra,
  });
}
