
use builtin;
use str;

set edit:completion:arg-completer[asst] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'asst'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'asst'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand thread 'Create and inspect threads (conversations)'
            cand ask 'Ask a question and stream the answer to stdout'
            cand store 'Set up and inspect vector stores, which file search reads'
            cand response 'Wait for, show or cancel a response (background answers, ''ask --detach'')'
            cand batch 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider''s Batch API'
            cand config 'Show the settings the next command would use, and where each one comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;thread'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create a thread and print its id'
            cand show 'Print a thread''s whole transcript, oldest message first'
            cand list 'List the threads asst created or used, newest first (from its registry)'
            cand name 'Give a thread a name, to use wherever a thread id is taken'
            cand rm 'Delete threads on the server and forget them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;thread;new'= {
            cand -m 'Attach metadata to the thread (repeatable)'
            cand --metadata 'Attach metadata to the thread (repeatable)'
            cand --assistant 'Create an Assistants thread for this assistant (selects the Assistants API)'
            cand --name 'Name the thread, to use wherever a thread id is taken'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;thread;show'= {
            cand --limit 'Only the newest N messages (still printed oldest first)'
            cand --after 'Only the messages after this one (a message or item id), for what is new'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --last 'Show the thread used last on this provider, endpoint and profile (the one ''ask -c'' continues)'
            cand --no-citations 'Show citations without [n] markers and source lists'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;thread;list'= {
            cand --limit 'At most this many threads'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --all 'Threads of every provider and endpoint, not only the current one'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;thread;name'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;thread;rm'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --local 'Forget the threads without deleting them on the server'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;thread;help'= {
            cand new 'Create a thread and print its id'
            cand show 'Print a thread''s whole transcript, oldest message first'
            cand list 'List the threads asst created or used, newest first (from its registry)'
            cand name 'Give a thread a name, to use wherever a thread id is taken'
            cand rm 'Delete threads on the server and forget them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;thread;help;new'= {
        }
        &'asst;thread;help;show'= {
        }
        &'asst;thread;help;list'= {
        }
        &'asst;thread;help;name'= {
        }
        &'asst;thread;help;rm'= {
        }
        &'asst;thread;help;help'= {
        }
        &'asst;ask'= {
            cand -t 'Continue this thread (an id or a name) instead of starting a new one'
            cand --thread 'Continue this thread (an id or a name) instead of starting a new one'
            cand --attach 'Upload this file and search it for this question (repeatable; see the README for where the files live afterwards)'
            cand --chunk-size 'Cut the attached files into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800; Responses)'
            cand --chunk-overlap 'Tokens each chunk of the attached files shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]'
            cand --model 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]'
            cand --instructions 'System instructions sent with the question'
            cand --vector-store 'Search this vector store (repeatable; the env variable takes a comma-separated list)'
            cand --assistant 'Answer with this assistant (selects the Assistants API)'
            cand --filter 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)'
            cand --max-results 'At most this many search results (1 to 50; Responses)'
            cand --score-threshold 'Only results scoring at least this (0 to 1; Responses)'
            cand --schema 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone'
            cand -m 'Attach metadata to the response or run (repeatable)'
            cand --metadata 'Attach metadata to the response or run (repeatable)'
            cand --max-output-tokens 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)'
            cand --reasoning-effort 'How much a reasoning model reasons before it answers (Responses)'
            cand --temperature 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand -c 'Continue the thread used last on this provider, endpoint and profile'
            cand --continue 'Continue the thread used last on this provider, endpoint and profile'
            cand -n 'Do not read standard input, even when it is not a terminal (for loops over stdin)'
            cand --no-stdin 'Do not read standard input, even when it is not a terminal (for loops over stdin)'
            cand --show-search 'Report what file search retrieved: `search` events with --json, else on stderr'
            cand --background 'Run the answer in the background on the server, so that it survives a dropped connection and the stream resumes where it was cut (Responses only; env ASST_BACKGROUND, profile ''background'') [default: off]'
            cand --no-background 'Do not run the answer in the background, whatever ASST_BACKGROUND or the profile say'
            cand --detach 'Return as soon as the answer exists, printing its response id; collect it later with ''asst response wait ID'' (implies --background)'
            cand --dry-run 'Print the requests the question would send (line, headers, body), and send nothing: no key is read (its header says where it would come from) and no thread is made or recorded (Responses only)'
            cand --no-citations 'Print no [n] markers and no source list'
            cand -q 'Print no notices about settings that have no effect (batch: and no progress line)'
            cand --quiet 'Print no notices about settings that have no effect (batch: and no progress line)'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Upload files into a new vector store, wait until they are searchable, print its id'
            cand add 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
            cand sync 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
            cand rm-file 'Take files out of a store, by path or file id'
            cand update 'Rename a store, or set, move or end its expiry; prints its row as show does'
            cand search 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
            cand show 'Show a store and its files with their processing status'
            cand list 'List stores, newest first'
            cand rm 'Delete a store (and, with --with-files, the files in it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;store;create'= {
            cand --name 'The store''s name [default: the first file''s name]'
            cand --file-name 'The name of the file read from standard input (''-'') [default: stdin.txt]'
            cand --include 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)'
            cand --exclude 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)'
            cand --attr 'An attribute for the files added, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text)'
            cand --expires-after 'Have the server delete the store once it has gone this many days unused (1 to 365)'
            cand --chunk-size 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)'
            cand --chunk-overlap 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --hidden 'In folders, take hidden files and folders too'
            cand -L 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --follow 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --dry-run 'Print what would be uploaded and change nothing (no server is asked, no key needed)'
            cand -q 'Print no progress on stderr'
            cand --quiet 'Print no progress on stderr'
            cand --no-wait 'Return once the files are uploaded, without waiting until they are searchable'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;add'= {
            cand --file-name 'The name of the file read from standard input (''-'') [default: stdin.txt]'
            cand --name 'The name of the file read from standard input (''-'') [default: stdin.txt]'
            cand --include 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)'
            cand --exclude 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)'
            cand --attr 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same'
            cand --chunk-size 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)'
            cand --chunk-overlap 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --force 'Upload even files the store already has'
            cand --dry-run 'Print the plan and change nothing'
            cand --hidden 'In folders, take hidden files and folders too'
            cand -L 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --follow 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --keep-files 'Keep the file objects of versions taken out of the store (they are deleted otherwise)'
            cand -q 'Print no progress on stderr'
            cand --quiet 'Print no progress on stderr'
            cand --no-wait 'Return once the files are uploaded, without waiting until they are searchable'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;sync'= {
            cand --max-delete 'With --delete, refuse the whole sync (changing nothing) if it would take out more than N files'
            cand --include 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)'
            cand --exclude 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)'
            cand --attr 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same'
            cand --chunk-size 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)'
            cand --chunk-overlap 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --delete 'Remove files of the store that are no longer in the folders'
            cand --allow-empty 'With --delete, let folders that hold no file empty the store (refused otherwise)'
            cand --dry-run 'Print the plan and change nothing'
            cand --hidden 'In folders, take hidden files and folders too'
            cand -L 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --follow 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
            cand --keep-files 'Keep the file objects of versions taken out of the store (they are deleted otherwise)'
            cand -q 'Print no progress on stderr'
            cand --quiet 'Print no progress on stderr'
            cand --no-wait 'Return once the files are uploaded, without waiting until they are searchable'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;rm-file'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --with-files 'Also delete the file objects'
            cand --dry-run 'Print the files it would take out and change nothing'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;update'= {
            cand --name 'The store''s new name'
            cand --expires-after 'Have the server delete the store once it has gone this many days unused, counted from now (1 to 365)'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --no-expiry 'Keep the store until it is deleted'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;search'= {
            cand --filter 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b'
            cand --max-results 'At most this many chunks (1 to 50) [default: the server''s, 10 on OpenAI]'
            cand --score-threshold 'Only chunks scoring at least this (0 to 1)'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --rewrite-query 'Let the server rewrite the query for vector search'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;show'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;list'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;rm'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --with-files 'Also delete the uploaded files the store holds'
            cand --dry-run 'Print what it would delete and change nothing'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;store;help'= {
            cand create 'Upload files into a new vector store, wait until they are searchable, print its id'
            cand add 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
            cand sync 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
            cand rm-file 'Take files out of a store, by path or file id'
            cand update 'Rename a store, or set, move or end its expiry; prints its row as show does'
            cand search 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
            cand show 'Show a store and its files with their processing status'
            cand list 'List stores, newest first'
            cand rm 'Delete a store (and, with --with-files, the files in it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;store;help;create'= {
        }
        &'asst;store;help;add'= {
        }
        &'asst;store;help;sync'= {
        }
        &'asst;store;help;rm-file'= {
        }
        &'asst;store;help;update'= {
        }
        &'asst;store;help;search'= {
        }
        &'asst;store;help;show'= {
        }
        &'asst;store;help;list'= {
        }
        &'asst;store;help;rm'= {
        }
        &'asst;store;help;help'= {
        }
        &'asst;response'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand wait 'Stream a background response to its end, rendered as ''ask'' renders it'
            cand show 'Print a response''s stored answer and its status, without waiting'
            cand cancel 'Cancel a background response'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;response;wait'= {
            cand --after 'Stream only the events after this sequence number'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --no-citations 'Print no [n] markers and no source list'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;response;show'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --no-citations 'Print no [n] markers and no source list'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;response;cancel'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;response;help'= {
            cand wait 'Stream a background response to its end, rendered as ''ask'' renders it'
            cand show 'Print a response''s stored answer and its status, without waiting'
            cand cancel 'Cancel a background response'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;response;help;wait'= {
        }
        &'asst;response;help;show'= {
        }
        &'asst;response;help;cancel'= {
        }
        &'asst;response;help;help'= {
        }
        &'asst;batch'= {
            cand -o 'Append the results to this file, flushed one by one; a rerun skips the ids it answered'
            cand --output 'Append the results to this file, flushed one by one; a rerun skips the ids it answered'
            cand -j 'Questions in flight at once'
            cand --jobs 'Questions in flight at once'
            cand --via 'Where the questions are answered: here, N at a time, or by the provider''s Batch API (half the price, within 24 hours)'
            cand --model 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]'
            cand --instructions 'System instructions sent with the question'
            cand --vector-store 'Search this vector store (repeatable; the env variable takes a comma-separated list)'
            cand --assistant 'Answer with this assistant (selects the Assistants API)'
            cand --filter 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)'
            cand --max-results 'At most this many search results (1 to 50; Responses)'
            cand --score-threshold 'Only results scoring at least this (0 to 1; Responses)'
            cand --schema 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone'
            cand -m 'Attach metadata to the response or run (repeatable)'
            cand --metadata 'Attach metadata to the response or run (repeatable)'
            cand --max-output-tokens 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)'
            cand --reasoning-effort 'How much a reasoning model reasons before it answers (Responses)'
            cand --temperature 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --dry-run 'Check every line and print the request each question would be, as JSON lines; send nothing and read no key (with --output, what it answered already is left out)'
            cand --no-citations 'Print no [n] markers and no source list'
            cand -q 'Print no notices about settings that have no effect (batch: and no progress line)'
            cand --quiet 'Print no notices about settings that have no effect (batch: and no progress line)'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show a Batch API job''s status and request counts'
            cand results 'Write a finished Batch API job''s results as result lines'
            cand cancel 'Cancel a Batch API job (what it finished stays in its results)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;batch;status'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;batch;results'= {
            cand -o 'Append the results to this file; ids it already has are skipped'
            cand --output 'Append the results to this file; ids it already has are skipped'
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --no-citations 'Print no [n] markers in the texts'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;batch;cancel'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;batch;help'= {
            cand status 'Show a Batch API job''s status and request counts'
            cand results 'Write a finished Batch API job''s results as result lines'
            cand cancel 'Cancel a Batch API job (what it finished stays in its results)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;batch;help;status'= {
        }
        &'asst;batch;help;results'= {
        }
        &'asst;batch;help;cancel'= {
        }
        &'asst;batch;help;help'= {
        }
        &'asst;config'= {
            cand -p 'Use this profile from the config file'
            cand --profile 'Use this profile from the config file'
            cand --config 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]'
            cand --provider 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]'
            cand --api 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself'
            cand --base-url 'OpenAI-compatible base URL [default: https://api.openai.com/v1]'
            cand --endpoint 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com'
            cand --api-version 'Azure api-version for the Assistants API [default: 2025-04-01-preview]'
            cand --max-retries 'Retries for a request that failed before its answer started [default: 2]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --busy-wait 'Seconds to keep retrying while another run holds the thread [default: 10]'
            cand --idle-timeout 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]'
            cand --json 'Print JSON lines instead of text (see the README for the schema)'
            cand --no-history 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
            cand --verbose 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'asst;help'= {
            cand thread 'Create and inspect threads (conversations)'
            cand ask 'Ask a question and stream the answer to stdout'
            cand store 'Set up and inspect vector stores, which file search reads'
            cand response 'Wait for, show or cancel a response (background answers, ''ask --detach'')'
            cand batch 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider''s Batch API'
            cand config 'Show the settings the next command would use, and where each one comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'asst;help;thread'= {
            cand new 'Create a thread and print its id'
            cand show 'Print a thread''s whole transcript, oldest message first'
            cand list 'List the threads asst created or used, newest first (from its registry)'
            cand name 'Give a thread a name, to use wherever a thread id is taken'
            cand rm 'Delete threads on the server and forget them'
        }
        &'asst;help;thread;new'= {
        }
        &'asst;help;thread;show'= {
        }
        &'asst;help;thread;list'= {
        }
        &'asst;help;thread;name'= {
        }
        &'asst;help;thread;rm'= {
        }
        &'asst;help;ask'= {
        }
        &'asst;help;store'= {
            cand create 'Upload files into a new vector store, wait until they are searchable, print its id'
            cand add 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
            cand sync 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
            cand rm-file 'Take files out of a store, by path or file id'
            cand update 'Rename a store, or set, move or end its expiry; prints its row as show does'
            cand search 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
            cand show 'Show a store and its files with their processing status'
            cand list 'List stores, newest first'
            cand rm 'Delete a store (and, with --with-files, the files in it)'
        }
        &'asst;help;store;create'= {
        }
        &'asst;help;store;add'= {
        }
        &'asst;help;store;sync'= {
        }
        &'asst;help;store;rm-file'= {
        }
        &'asst;help;store;update'= {
        }
        &'asst;help;store;search'= {
        }
        &'asst;help;store;show'= {
        }
        &'asst;help;store;list'= {
        }
        &'asst;help;store;rm'= {
        }
        &'asst;help;response'= {
            cand wait 'Stream a background response to its end, rendered as ''ask'' renders it'
            cand show 'Print a response''s stored answer and its status, without waiting'
            cand cancel 'Cancel a background response'
        }
        &'asst;help;response;wait'= {
        }
        &'asst;help;response;show'= {
        }
        &'asst;help;response;cancel'= {
        }
        &'asst;help;batch'= {
            cand status 'Show a Batch API job''s status and request counts'
            cand results 'Write a finished Batch API job''s results as result lines'
            cand cancel 'Cancel a Batch API job (what it finished stays in its results)'
        }
        &'asst;help;batch;status'= {
        }
        &'asst;help;batch;results'= {
        }
        &'asst;help;batch;cancel'= {
        }
        &'asst;help;config'= {
        }
        &'asst;help;help'= {
        }
    ]
    $completions[$command]
}
