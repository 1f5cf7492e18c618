{{- define "ido-service.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ido-service.fullname" . }}
  labels:
    {{- include "ido-service.labels" . | nindent 4 }}
spec:
  type: {{ .Values.httpService.type }}
  selector:
    {{- include "ido-service.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.httpService.port }}
      targetPort: http
---
{{- end -}}

{{- define "ido-service.serviceaccount" -}}
{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "ido-service.serviceAccountName" . }}
  labels:
    {{- include "ido-service.labels" . | nindent 4 }}
automountServiceAccountToken: false
---
{{- end }}
{{- end -}}
