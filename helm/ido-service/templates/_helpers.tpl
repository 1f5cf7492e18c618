{{/* Names and labels shared by every object of one service release. */}}
{{- define "ido-service.name" -}}
{{- .Values.service -}}
{{- end -}}

{{- define "ido-service.fullname" -}}
{{- if contains .Values.service .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Values.service | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ido-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ido-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ido-service.labels" -}}
{{ include "ido-service.selectorLabels" . }}
app.kubernetes.io/part-of: ido-crm
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "ido-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ido-service.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Everything a service chart renders: its templates/all.yaml is this one line. */}}
{{- define "ido-service.all" -}}
{{ include "ido-service.serviceaccount" . }}
{{ include "ido-service.deployment" . }}
{{ include "ido-service.service" . }}
{{ include "ido-service.hpa" . }}
{{ include "ido-service.pdb" . }}
{{ include "ido-service.servicemonitor" . }}
{{ include "ido-service.dashboard" . }}
{{- end -}}
