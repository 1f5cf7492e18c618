{{- define "ido-service.servicemonitor" -}}
{{- if .Values.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "ido-service.fullname" . }}
  labels:
    {{- include "ido-service.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "ido-service.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ .Values.serviceMonitor.interval }}
---
{{- end }}
{{- end -}}

{{/* The service's Grafana dashboard, picked up by Grafana's sidecar through the label. */}}
{{- define "ido-service.dashboard" -}}
{{- if .Values.dashboard.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "ido-service.fullname" . }}-dashboard
  labels:
    {{- include "ido-service.labels" . | nindent 4 }}
    grafana_dashboard: "1"
data:
  {{ include "ido-service.name" . }}.json: |-
    {{- .Files.Get (printf "dashboards/%s.json" (include "ido-service.name" .)) | nindent 4 }}
---
{{- end }}
{{- end -}}
