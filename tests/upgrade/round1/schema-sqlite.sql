-- Round 1's schema as its storage.migrate created it on SQLite.
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_on DATE NOT NULL, 
	PRIMARY KEY (version)
);
CREATE TABLE responses (
	id VARCHAR(36) NOT NULL, 
	questionnaire_id VARCHAR(100) NOT NULL, 
	questionnaire_version VARCHAR(50) NOT NULL, 
	questionnaire_hash VARCHAR(64) NOT NULL, 
	language VARCHAR(35) NOT NULL, 
	mode VARCHAR(20) NOT NULL, 
	event_code VARCHAR(20), 
	district VARCHAR(100), 
	submitted_on DATE NOT NULL, 
	answers TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_responses_questionnaire_id ON responses (questionnaire_id);
CREATE INDEX ix_responses_event_code ON responses (event_code);
CREATE TABLE submission_tokens (
	token VARCHAR(64) NOT NULL, 
	used_on DATE NOT NULL, 
	PRIMARY KEY (token)
);
CREATE TABLE starts (
	id INTEGER NOT NULL, 
	questionnaire_id VARCHAR(100) NOT NULL, 
	event_code VARCHAR(20) NOT NULL, 
	language VARCHAR(35) NOT NULL, 
	day DATE NOT NULL, 
	count INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (questionnaire_id, event_code, language, day)
);
CREATE TABLE events (
	code VARCHAR(20) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	questionnaire_ids TEXT NOT NULL, 
	district VARCHAR(100), 
	held_on DATE NOT NULL, 
	mode VARCHAR(20) NOT NULL, 
	closed BOOLEAN NOT NULL, 
	PRIMARY KEY (code)
);
CREATE TABLE users (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	password_hash VARCHAR(300) NOT NULL, 
	failed_logins INTEGER NOT NULL, 
	locked_until DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR(100) NOT NULL, 
	action VARCHAR(50) NOT NULL, 
	detail TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE quotes (
	response_id VARCHAR(36) NOT NULL, 
	question_id VARCHAR(100) NOT NULL, 
	approved BOOLEAN NOT NULL, 
	decided_by VARCHAR(100) NOT NULL, 
	decided_on DATE NOT NULL, 
	PRIMARY KEY (response_id, question_id)
);
