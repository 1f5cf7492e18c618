{{- define "ido-service.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ido-service.fullname" . }}
  labels:
    {{- include "ido-service.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  selector:
    matchLabels:
      {{- include "ido-service.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "ido-service.labels" . | nindent 8 }}
      annotations:
        # A changed config rolls the pods.
        checksum/env: {{ toJson .Values.env | sha256sum }}
    spec:
      serviceAccountName: {{ include "ido-service.serviceAccountName" . }}
      automountServiceAccountToken: false
      # bootService drains NATS and HTTP on SIGTERM within SHUTDOWN_GRACE_MS; Kubernetes waits longer.
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        fsGroup: 1000
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: {{ include "ido-service.name" . }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 3000
          env:
            - name: HTTP_PORT
              value: "3000"
            - name: IDO_RELEASE
              value: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
            - name: SHUTDOWN_GRACE_MS
              value: {{ mul (sub .Values.terminationGracePeriodSeconds 5) 1000 | quote }}
            {{- range $name, $value := .Values.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          {{- with .Values.secretEnv }}
          envFrom:
            {{- range . }}
            - secretRef:
                name: {{ . }}
            {{- end }}
          {{- end }}
          livenessProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet: { path: /health/ready, port: http }
            periodSeconds: 5
            failureThreshold: 2
          startupProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 2
            failureThreshold: 30
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
          volumeMounts:
            # Writable paths: a temp dir (Node, Prisma), and the data volumes a service declares.
            - name: tmp
              mountPath: /tmp
            {{- range .Values.dataVolumes }}
            - name: {{ .name }}
              mountPath: {{ .mountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: { sizeLimit: 64Mi }
        {{- range .Values.dataVolumes }}
        - name: {{ .name }}
          {{- if .persistentVolumeClaim }}
          persistentVolumeClaim:
            claimName: {{ .persistentVolumeClaim.claimName }}
          {{- else }}
          emptyDir: {}
          {{- end }}
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "ido-service.selectorLabels" . | nindent 14 }}
---
{{- end -}}
