"""Given names beyond the gendered list: evidence that a name is a person's, with no gender.

`jobs.extract._names` lists the given names of English-language news with the gender
they usually carry, and leaves out on purpose the names given to women and men alike.
For telling a person's name from an organisation's or a place's the gender does not
matter, so this list, written by hand for this project, adds such names (Alex, Jamie,
Robin) and given names common in the news of many countries (India, the Arab world,
Africa, East Asia, Latin America, Europe). Names that are also well-known places or
clubs (Jordan, Chelsea, Austin, Georgia, Lincoln) or ordinary words (Hope, Guy, Dawn) are
left out: their first word is no evidence. Names are listed without accents ("Seán" is "sean").
"""

from __future__ import annotations

from jobs.extract._names import name_gender
from jobs.names import fold

GIVEN_NAMES = frozenset(
    """
    alex alexis ali amari angel ariel ashley avery bailey blake cameron carey casey charlie
    dakota drew eden elliot emerson finley frankie harley jaime jamie jesse jody
    jules kai kelly kendall kerry kim lee leslie logan lou mackenzie marley morgan nicky noel
    pat peyton quinn reese riley robin rory sam sasha shannon shawn sidney skyler stacy
    sydney taylor terry toby tracy val
    aarav aditi aditya ajay akash akshay amit amitabh anand anil anjali anupam arjun arun
    arvind ashok asha deepak deepika dinesh divya ganesh geeta gopal gita harish jyoti kamala
    kavita kiran krishna kumar lakshmi lalit mahesh manish manoj meena mukesh nandini narendra
    naresh neha nikhil nirmala pooja prakash pradeep prashant priyanka rahul raj
    rajiv rakesh ramesh rekha rohit sachin sanjay santosh sarita shashi shweta sita sunil
    sunita suresh swati uma usha vijay vikram vinod virat vivek yogesh
    abdullah ahmad amina amir anwar ayesha bashar farah fatma hamza hana hussein ibrahim
    ismail karim khaled khalid laila layla leila mahmoud mariam maryam mohamed
    mohammad mona mustafa nabil nasser noor omar rania reem salim salma samir sami tariq walid
    yasmin yousef youssef yusuf zainab zaid
    abebe adaeze ayodele chidi chinedu chioma emeka folasade ifeoma kamau kofi kwame
    kwesi nkechi nomvula oluwaseun sipho thabo themba tunde wanjiru yaw
    akira chen haruki hiroshi hyun jae jin jun keiko kenji kenta mei ming naoko satoshi shinzo
    takeshi wei xi yuki yuko
    alejandra alejandro andres beatriz catalina cristina daniela diego eduardo enrique esteban
    fernanda fernando francisca francisco gabriel guadalupe guillermo ignacio javier jorge
    julio leticia lorena luz manuel marisol nicolas pablo paola rafael ramon
    raul ricardo rocio rodrigo santiago valentina ximena
    aleksandr alexei anatoly andrei boris dmitry ekaterina galina irina katya mikhail
    natasha nikolai oksana oleg pavel sergey svetlana tatiana valentina vladislav yulia
    yekaterina zoran
    agnieszka aleksandra alessandra alessia alessio anders antoine arne astrid bjorn chiara
    dieter elke francesco franz giorgio giovanni giulia giuseppe gunnar hans
    hendrik henrik ilse jacques jan jens johan johann joost jurgen karl katarzyna klaus lars
    lorenzo luca luigi magnus malgorzata marcel marek matteo mattias nils niklas olaf pieter
    piotr rolf sigrid soren stefan stefano sven thierry tomasz ulrich willem wojciech wolfgang
    aisling aoife ciara cormac declan eamon eoin niamh oisin padraig seamus sinead
    aine aoibhinn brid caoimhe cathal ciaran clodagh colm conall conor cian eabha emer eimear
    enda fiachra fionnuala grainne maeve maire mairead micheal nuala odhran orla orlaith oonagh
    peadar ronan roisin ruairi sadhbh saoirse sean sorcha tadhg una
    alasdair alastair alistair callum calum eilidh euan ewan fergus finlay fraser hamish iain
    isla kirsty lachlan mhairi murdo ruaridh shona catriona ailsa
    aled angharad bethan carys catrin cerys dafydd delyth eleri emyr ffion gethin glenys gwyn
    huw ieuan ioan iwan lowri meinir mererid nerys nia owain rhian rhodri rhys sian tegwen
    adele arlene audrey bernadette beverley candace carly cassandra cassie charlene claudette
    connie courtney darlene deanna dolores doreen eileen eloise estelle ethel eunice felicity
    francine georgina geraldine gillian gina glenda gwendolyn harriet hilda imogen irma jackie
    janine jeanette jenna jenny jo jocelyn jodie kate kathy katrina kirsten kristin kristina
    leah leanne lesley lillian lindsay lindsey lois loretta lorna lorraine lucille lynda lynn
    lynne mandy marcia margot marian marianne marjorie marlene maureen meredith miriam moira
    muriel myra naomi noreen norma paige pam patsy paulette peggy phyllis priscilla rhonda
    roberta robyn rosalind rosemary selina shauna sheena shelley sonya stella tamara tanya tara
    tessa thelma trudy vicky wilma winifred yolanda abby addison alyssa brianna caitlin chloe
    kaitlyn kaylee kendra kylie makayla tiffany
    alec alfie alvin andre barney bert bobby brendan brent bruno byron calvin cecil chad
    clayton clifford clint clive cody conrad curtis cyril damian damien dermot desmond dexter
    dominic donovan dylan edgar edmund edwin elliott errol ethan evan everett felix floyd
    francis gareth garry geoff geoffrey gerard gerry gilbert glen glenn graeme harvey hector
    herman hubert ivor jamal jared jasper jeremiah jerome julian kirk kyle lenny leroy lester
    lionel lonnie lowell luther lyle malcolm marvin maurice melvin mervyn milton monty morris
    murray nathaniel neville owen percy phillip quentin reggie reginald rodney roland ronnie
    rufus shaun spencer stewart terence theo theodore tobias trevor tyler vernon wallace wesley
    wilfred winston zachary aiden brayden caleb connor elijah grayson isaiah jaden jalen jaxon
    josiah landon nolan tristan tyrese wyatt
    abhishek adnan afzal ahsan ajit alok amar amjad amrita anjum ankit anurag aparna arif
    arshad asad asif aslam azhar babar bilal chetan devendra dilip faisal farhan farooq fawad
    gaurav gurpreet harpreet hina imran iqbal irfan jagdish javed junaid kamal kapil karan
    kashif kavya khurram madhu mahmood mehmood mohan mohsin nadeem naveen nawaz nazia nitin
    pankaj parveen pervez preeti qasim rafiq rahim rajesh rashid ravi rehana rizwan rohan
    sadia saeed sahil sajid salman sameer sandeep sanjeev shabnam shahid shahzad shoaib shreya
    simran subhash sudhir sumit tahir tanvi uzma vikas vinay waqar waseem yasir zafar zubair
    alfredo armando arturo carmelita conchita corazon dante edgardo efren emilio ernesto
    estrella imelda lourdes maricel nestor reynaldo rodolfo rolando romeo rosario teodoro
    teresita virgilio wilfredo
    adebayo adewale akua ama ayo bongani chiamaka chika chukwuemeka dumisani efua femi kagiso
    kemi kojo lerato lindiwe mandla mpho naledi ngozi nnamdi nomsa obinna olumide segun
    sibusiso temitope thandiwe thulani uche wanjiku zanele abena adwoa
    halina jadwiga janina krzysztof stanislaw zbigniew jerzy tadeusz kazimierz grzegorz marta
    ewa dorota beata
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def is_given_name(word: str) -> bool:
    """True for a common given name, of either list."""
    return name_gender(word) is not None or fold(word) in GIVEN_NAMES
