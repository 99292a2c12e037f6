package scenario

// Integration is an x-amazon-apigateway-integration object as an OpenAPI export holds it.
type Integration struct {
	// Type is "aws_proxy", "aws" or "mock", normalised to lower case.
	Type string `json:"type"`
	// HTTPMethod is the integration's own method; Lambda integrations must use POST.
	HTTPMethod          string                         `json:"httpMethod,omitempty"`
	PassthroughBehavior string                         `json:"passthroughBehavior,omitempty"`
	RequestTemplates    map[string]string              `json:"requestTemplates,omitempty"`
	RequestParameters   map[string]string              `json:"requestParameters,omitempty"`
	ContentHandling     string                         `json:"contentHandling,omitempty"`
	TimeoutInMillis     int                            `json:"timeoutInMillis,omitempty"`
	Responses           map[string]IntegrationResponse `json:"responses,omitempty"`
}

// IntegrationResponse is one entry of Integration.Responses; its key in that map is its
// selection pattern ("default" for the default response).
type IntegrationResponse struct {
	StatusCode         string            `json:"statusCode"`
	ResponseParameters map[string]string `json:"responseParameters,omitempty"`
	ResponseTemplates  map[string]string `json:"responseTemplates,omitempty"`
	ContentHandling    string            `json:"contentHandling,omitempty"`
}

// MethodResponse declares one status code of the method and the headers it may carry.
type MethodResponse struct {
	ResponseParameters map[string]bool `json:"responseParameters,omitempty"`
}
